package cn.unionhub.contest.contest.store;

import org.bson.Document;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

/** A contest with its notice period; written only through the AggregateStore (outbox). */
@org.springframework.data.mongodb.core.mapping.Document("contests")
class ContestDocument {

    @Id
    String id;
    @Version
    Long version;
    Document contest;
    int noticeWorkingDays;
}
