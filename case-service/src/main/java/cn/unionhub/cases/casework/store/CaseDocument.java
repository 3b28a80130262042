package cn.unionhub.cases.casework.store;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** How a case is stored; the domain's {@code Case} knows nothing of this. */
@Document("cases")
class CaseDocument {

    /** {@code case-<feedbackId>} for cases from feedback: a second delivery cannot open a twin. */
    @Id
    String id;
    @Version
    Long version;
    @Indexed(unique = true)
    String caseNumber;
    String source;
    @Indexed(sparse = true)
    String feedbackId;
    String trackingNumber;
    String category;
    @Indexed
    String enterprise;
    String enterpriseName;
    @Indexed
    String district;
    String workerGroup;
    String priority;
    String status;
    String organisationType;
    String organisationName;
    String routingRule;
    Instant openedAt;
    @Indexed
    Instant firstResponseDueAt;
    Instant firstRespondedAt;
    Instant resolvedAt;
    String outcome;
    String resolutionSummary;
}
