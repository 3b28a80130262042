package cn.unionhub.cases.registry;

import static org.awaitility.Awaitility.await;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.membercard.OrganisationRegistered;
import cn.unionhub.platform.events.Inbox;
import cn.unionhub.test.People;
import cn.unionhub.test.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.KafkaTemplate;

/** The register's divisions as member-card-service publishes them: the two pilot districts of Ningbo. */
public final class RegisterFixtures {

    static final String CONSUMER = "case-service.register";
    static final String NINGBO = "330200";

    public static final OrganisationRegistered ZHENHAI = district(People.Districts.ZHENHAI, "镇海区");
    public static final OrganisationRegistered BEILUN = district(People.Districts.BEILUN, "北仑区");

    private RegisterFixtures() {
    }

    public static OrganisationRegistered district(String code, String name) {
        return new OrganisationRegistered(code, "DIVISION", name, code, NINGBO, null, null, "DISTRICT", "ACTIVE", 1,
                Instant.parse("2026-11-01T00:00:00Z"));
    }

    /** Applies the pilot districts as the consumer would. */
    public static void registerPilotDistricts(RegisterCopy copy) {
        copy.registered(ZHENHAI);
        copy.registered(BEILUN);
    }

    /** Publishes as member-card-service would; returns the CloudEvents id. */
    static String publish(KafkaTemplate<String, byte[]> kafka, DomainEvent event) {
        return publish(kafka, event, UUID.randomUUID().toString());
    }

    static String publish(KafkaTemplate<String, byte[]> kafka, DomainEvent event, String eventId) {
        kafka.send(TestEvents.record(event, eventId)).join();
        return eventId;
    }

    /** Waits until the copy has taken (or deliberately skipped) the event with this id. */
    static void awaitApplied(MongoTemplate mongo, String eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.exists(
                new Query(Criteria.where("_id").is(CONSUMER + ":" + eventId)), Inbox.COLLECTION));
    }
}
