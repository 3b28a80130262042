package cn.unionhub.alert.registry;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.alert.registry.domain.EnterpriseRegister;
import cn.unionhub.alert.risk.RiskService;
import cn.unionhub.alert.risk.domain.Signal;
import cn.unionhub.alert.risk.store.Profiles;
import cn.unionhub.alert.warning.domain.Warning;
import cn.unionhub.alert.warning.store.Warnings;
import cn.unionhub.events.membercard.OrganisationUpdated;
import cn.unionhub.platform.identity.ChineseIdentifiers;
import cn.unionhub.test.EventFeed;
import cn.unionhub.test.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/** Warnings report what alert-service's copy of the register says, fed through Kafka as member-card-service publishes it. */
@IntegrationTest
class RegisterCopyIT {

    /** A division only these tests register. */
    private static final String YINZHOU = "330212";

    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    MeterRegistry meters;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    RiskService risk;
    @Autowired
    Profiles profiles;
    @Autowired
    Warnings warnings;
    @Autowired
    EnterpriseRegister register;

    private EventFeed feed;

    @BeforeEach
    void newFeed() {
        feed = new EventFeed(kafka, meters, RegisterFixtures.CONSUMER);
    }

    @Test
    void aWarningCarriesTheIndustryNameAndDistrictOfTheRegisterAndIsPushedToTheDistrictItNames() {
        String uscc = freshUscc();
        feed.sendAndAwait(RegisterFixtures.district(YINZHOU, "鄞州区"));
        feed.sendAndAwait(RegisterFixtures.enterprise(uscc, "宁波鄞州精密铸造有限公司", YINZHOU, "C"));

        // The tax bureau's report names the firm loosely, in the wrong district and industry.
        risk.record(new Signal("it-" + UUID.randomUUID(), uscc, "鄞州精铸", "330211", "F", "WAGE_ACCOUNT_SHORTFALL", 3,
                Instant.now().minus(Duration.ofMinutes(5)), "tax-bureau", "SW-2026-118", null, 0));

        Warning warning = warnings.byId(profiles.load(uscc).profile().openWarningId()).orElseThrow();
        assertThat(warning.industry()).isEqualTo("C");
        assertThat(warning.district()).isEqualTo(YINZHOU);
        assertThat(warning.enterpriseName()).isEqualTo("宁波鄞州精密铸造有限公司");
        assertThat(warning.pushedTo()).contains("鄞州区总工会", "鄞州区人力资源和社会保障局劳动保障监察大队");
    }

    @Test
    void anOlderRevisionARedeliveryOrAReplayNeverTakesTheCopyBack() {
        String uscc = freshUscc();
        OrganisationUpdated moved = updated(uscc, "G", 3);
        feed.send(RegisterFixtures.enterprise(uscc, "宁波甬港物流有限公司", YINZHOU, "F"));
        String movedId = feed.send(moved);
        feed.sendAndAwait(updated(uscc, "F", 2));                                   // late, older
        feed.send(moved, movedId);                                                  // redelivered
        feed.sendAndAwait(updated(uscc, "F", 1));                                   // replayed older record

        assertThat(register.find(uscc)).hasValueSatisfying(e -> {
            assertThat(e.industry()).isEqualTo("G");
            assertThat(e.name()).isEqualTo("宁波甬港物流有限公司");
        });
    }

    private static OrganisationUpdated updated(String uscc, String industry, long revision) {
        return new OrganisationUpdated(uscc, "ENTERPRISE", "宁波甬港物流有限公司", YINZHOU, null, industry, "SMALL", null, "ACTIVE",
                revision, RegisterFixtures.REGISTERED_AT.plusSeconds(revision));
    }

    private static String freshUscc() {
        StringBuilder first17 = new StringBuilder("91330212MA");
        for (int i = 0; i < 7; i++) {
            first17.append(ThreadLocalRandom.current().nextInt(10));
        }
        return first17.toString() + ChineseIdentifiers.usccCheckCharacter(first17.toString());
    }
}
