package cn.unionhub.feedback.registry;

import static org.awaitility.Awaitility.await;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.membercard.OrganisationRegistered;
import cn.unionhub.platform.events.Inbox;
import cn.unionhub.platform.identity.ChineseIdentifiers;
import cn.unionhub.test.People;
import cn.unionhub.test.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.KafkaTemplate;

/** The register as member-card-service publishes it: the pilot enterprises, and fresh ones per test. */
public final class RegisterFixtures {

    /** The inbox name of the register consumer. */
    static final String CONSUMER = "feedback-service.register";

    public static final OrganisationRegistered FUDE_ENERGY = enterprise(People.Enterprises.FUDE_ENERGY, "宁波富德能源有限公司",
            People.Districts.ZHENHAI, "D", "LARGE");
    public static final OrganisationRegistered BEILUN_PORT_LOGISTICS = enterprise(People.Enterprises.BEILUN_PORT_LOGISTICS,
            "宁波北仑港口物流有限公司", People.Districts.BEILUN, "G", "MEDIUM");

    private RegisterFixtures() {
    }

    public static OrganisationRegistered enterprise(String uscc, String name, String district, String industry, String sizeBand) {
        return new OrganisationRegistered(uscc, "ENTERPRISE", name, district, null, industry, sizeBand, null, "ACTIVE", 1,
                Instant.parse("2026-11-01T00:00:00Z"));
    }

    /** Applies the pilot enterprises as the consumer would. */
    public static void registerPilot(RegisterCopy copy) {
        copy.registered(FUDE_ENERGY);
        copy.registered(BEILUN_PORT_LOGISTICS);
    }

    /** A valid unified social credit code (GB 32100) nobody else uses, registered in Ningbo. */
    static String freshUscc() {
        String first17 = "91330206MA" + digits(7);
        return first17 + ChineseIdentifiers.usccCheckCharacter(first17);
    }

    /** A register member id ({@code M} and 12 Crockford characters). */
    static String freshMemberId() {
        return "M" + digits(12);
    }

    private static String digits(int n) {
        StringBuilder digits = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
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
