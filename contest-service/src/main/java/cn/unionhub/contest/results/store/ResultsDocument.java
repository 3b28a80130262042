package cn.unionhub.contest.results.store;

import org.bson.Document;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

/** An event's results on notice (and their notices and objections), by event id; written with its events. */
@org.springframework.data.mongodb.core.mapping.Document("event_results")
class ResultsDocument {

    @Id
    String id;
    @Version
    Long version;
    Document results;
}
