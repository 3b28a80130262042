package cn.unionhub.cases.casework.store;

import cn.unionhub.cases.casework.domain.Case;
import cn.unionhub.cases.casework.domain.HistoryEntry;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * How a case is stored: the domain's value parts as they are, plus the top-level fields that work
 * queues, ledgers, reports and the deadline watcher search by.
 */
@Document("cases")
class CaseDocument {

    /** Derived from the source ({@code case-<feedbackId>}, {@code case-hotline-12351-<order>}): no twins. */
    @Id
    String id;
    @Version
    Long version;
    @Indexed(unique = true)
    String caseNumber;
    String source;
    String sourceReference;
    @Indexed(sparse = true)
    String feedbackId;
    String trackingNumber;
    @Indexed
    String category;
    @Indexed
    String enterprise;
    @Indexed
    String district;
    String priority;
    @Indexed
    String status;
    /** The handling organisation's id: each organisation's work queue. */
    @Indexed
    String organisation;
    @Indexed
    Instant openedAt;
    Instant closedAt;
    /**
     * When the enterprise's own union first sees the case: its opening, or for an anonymous worker's case
     * the release after it ({@link cn.unionhub.platform.domain.AnonymousRelease}); its lists sort by it.
     */
    Instant enterpriseSeesAt;
    /**
     * What the enterprise side is shown of an anonymous worker's case while a worker's step waits for its release
     * ({@link Case.Shown}); absent, or past its {@code until}, when it sees the case as it is.
     */
    Case.Shown shownToEnterprise;
    /** When the deadline watcher next has something to do; absent when never. */
    @Indexed(sparse = true)
    Instant nextCheckAt;
    int escalationLevel;
    Case.Matter matter;
    Case.Assignment assignment;
    Case.Deadlines deadlines;
    Case.Resolution resolution;
    Case.ClueVerification verification;
    List<HistoryEntry> history;
    /** SHA-256 of the follow-up code a hotline caller was given (never the code itself); absent otherwise. */
    String followUpHash;
}
