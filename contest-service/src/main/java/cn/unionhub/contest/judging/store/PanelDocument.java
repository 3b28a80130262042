package cn.unionhub.contest.judging.store;

import org.bson.Document;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

/** An event's judges. */
@org.springframework.data.mongodb.core.mapping.Document("judge_panels")
class PanelDocument {

    @Id
    String id;
    @Version
    Long version;
    Document panel;
}
