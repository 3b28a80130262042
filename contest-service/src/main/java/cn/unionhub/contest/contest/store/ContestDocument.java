package cn.unionhub.contest.contest.store;

import org.bson.Document;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

/** A contest with its notice period; written only through the AggregateStore (outbox). */
@org.springframework.data.mongodb.core.mapping.Document("contests")
@org.springframework.data.mongodb.core.index.CompoundIndex(name = "published_by_year_region", def = "{'status': 1, 'year': 1, 'region': 1}")
class ContestDocument {

    @Id
    String id;
    @Version
    Long version;
    Document contest;
    int noticeWorkingDays;
    /** What the list of published contests filters on, beside the body (which is never searched). */
    String status;
    Integer year;
    String region;
}
