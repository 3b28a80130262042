package cn.unionhub.feedback.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.events.membercard.MemberChanged;
import cn.unionhub.events.membercard.MemberEnrolled;
import cn.unionhub.events.membercard.OrganisationClosed;
import cn.unionhub.events.membercard.OrganisationRegistered;
import cn.unionhub.events.membercard.OrganisationUpdated;
import cn.unionhub.feedback.registry.domain.Memberships;
import cn.unionhub.security.Role;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.EventFeed;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.People;
import cn.unionhub.test.TestInfrastructure;
import cn.unionhub.test.TestTokens;
import cn.unionhub.test.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** feedback-service's copy of the register, fed through Kafka as member-card-service publishes it. */
@IntegrationTest
class RegisterCopyIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant EARLIER = Instant.parse("2026-11-01T00:00:00Z");

    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    MeterRegistry meters;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    RegisterCopy copy;
    @Autowired
    Memberships memberships;
    @Value("${local.server.port}")
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }

    private EventFeed feed;

    @BeforeEach
    void newFeed() {
        feed = new EventFeed(kafka, meters, RegisterFixtures.CONSUMER);
    }

    @Test
    void anEnterpriseRegisteredByEventIsKnownToFeedbackByNameAndDistrictAndHasAPageBeforeAnyFeedback() {
        String uscc = RegisterFixtures.freshUscc();
        assertThat(api().get("/api/v1/feedback/enterprises/" + uscc, null).statusCode()).isEqualTo(404);

        feed.sendAndAwait(new OrganisationRegistered(uscc, "ENTERPRISE", "宁波港联集装箱服务有限公司",
                People.Districts.BEILUN, null, "G", "MEDIUM", null, "ACTIVE", 1, EARLIER));

        JsonNode page = JSON.readTree(api().get("/api/v1/feedback/enterprises/" + uscc, null).body());
        assertThat(page.path("name").asString()).isEqualTo("宁波港联集装箱服务有限公司");
        assertThat(page.path("district").asString()).isEqualTo(People.Districts.BEILUN);
        assertThat(page.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(page.path("reviews").asLong()).isZero();

        // A worker of 镇海区 complains about it: the item belongs to the enterprise's district, by the register.
        JsonNode item = submit(uscc, People.WORKER_ZHANG_WEI.token());
        assertThat(item.path("enterpriseName").asString()).isEqualTo("宁波港联集装箱服务有限公司");
        assertThat(item.path("district").asString()).isEqualTo(People.Districts.BEILUN);
        assertThat(item.path("enterpriseRegistered").asBoolean()).isTrue();
        String tracking = item.path("trackingNumber").asString();
        assertThat(api().get("/api/v1/feedback/submissions/" + tracking, People.DISTRICT_BEILUN.token()).statusCode()).isEqualTo(200);
        assertThat(api().get("/api/v1/feedback/submissions/" + tracking, People.DISTRICT_ZHENHAI.token()).statusCode()).isEqualTo(404);
        JsonNode submitted = submittedEvent(tracking);
        assertThat(submitted.path("enterpriseName").asString()).isEqualTo("宁波港联集装箱服务有限公司");
        assertThat(submitted.path("district").asString()).isEqualTo(People.Districts.BEILUN);
    }

    @Test
    void anOlderRevisionARedeliveryOrAReplayNeverTakesTheCopyBack() {
        String uscc = RegisterFixtures.freshUscc();
        OrganisationUpdated renamed = updated(uscc, "宁波甬江新材料股份有限公司", 3);
        feed.send(new OrganisationRegistered(uscc, "ENTERPRISE", "宁波甬江新材料有限公司", People.Districts.ZHENHAI, null, "C",
                "SMALL", null, "ACTIVE", 1, EARLIER));
        String renamedId = feed.send(renamed);
        feed.sendAndAwait(updated(uscc, "宁波甬江新材料有限公司", 2));                         // late, older
        assertThat(page(uscc).path("name").asString()).isEqualTo("宁波甬江新材料股份有限公司");

        feed.send(new OrganisationClosed(uscc, "ENTERPRISE", People.Districts.ZHENHAI, "注销登记", 4,
                Instant.now()));
        feed.send(renamed, renamedId);                                              // redelivered
        feed.send(renamed);                                                         // replayed under a new id
        feed.awaitHandled();

        JsonNode page = page(uscc);
        assertThat(page.path("status").asString()).isEqualTo("CLOSED");
        assertThat(page.path("name").asString()).isEqualTo("宁波甬江新材料股份有限公司");
        // A closed enterprise's unpaid wages are exactly what workers report: still accepted, by name.
        JsonNode item = submit(uscc, People.WORKER_ZHANG_WEI.token());
        assertThat(item.path("enterpriseName").asString()).isEqualTo("宁波甬江新材料股份有限公司");
        assertThat(item.path("enterpriseRegistered").asBoolean()).isTrue();
    }

    @Test
    void aComplaintAboutAnEnterpriseNotInTheRegisterIsAcceptedAndMarkedForVerification() {
        String uscc = RegisterFixtures.freshUscc();

        JsonNode item = submit(uscc, People.WORKER_ZHANG_WEI.token());

        assertThat(item.path("enterpriseRegistered").asBoolean()).isFalse();
        assertThat(item.path("enterpriseName").isNull()).isTrue();
        assertThat(item.path("district").asString()).isEqualTo(People.Districts.ZHENHAI);
        String tracking = item.path("trackingNumber").asString();
        JsonNode seenByStaff = JSON.readTree(api().get("/api/v1/feedback/submissions/" + tracking,
                People.DISTRICT_ZHENHAI.token()).body());
        assertThat(seenByStaff.path("enterpriseRegistered").asBoolean()).isFalse();
        assertThat(submittedEvent(tracking).path("enterpriseName").isNull()).isTrue();
        assertThat(api().get("/api/v1/feedback/enterprises/" + uscc, null).statusCode()).isEqualTo(404);
    }

    /**
     * A worker neither the register nor their token places (not a member yet) complaining about an employer the register
     * does not know: attributed to the district the credit code was registered in (they were told to ask their street
     * union, with no way to name one).
     */
    @Test
    void aWorkerNobodyPlacesComplainsAboutAnUnknownEmployerInTheDistrictOfItsCreditCode() {
        String stranger = TestTokens.token().subject("worker-new-" + UUID.randomUUID()).roles(Role.WORKER).build();
        String laoshan = "91370212MA3XYW123F";
        assertThat(submit(laoshan, stranger).path("district").asString()).isEqualTo("370212");
    }

    @Test
    void aWorkersMembershipInTheRegisterDecidesTheDistrictBeforeTheirToken() {
        String account = "worker-rider-" + UUID.randomUUID();
        String memberId = RegisterFixtures.freshMemberId();
        // The token still says 镇海区; the register knows the rider joined the 北仑区 couriers' joint union.
        String token = TestTokens.token().subject(account).roles(Role.WORKER).district(People.Districts.ZHENHAI).build();
        feed.sendAndAwait(new MemberEnrolled(memberId, account, null, "LH-330206-KUAIDI", null, People.Districts.BEILUN,
                "GIG_WORKER", "ACTIVE", 1, EARLIER));

        assertThat(submit(RegisterFixtures.freshUscc(), token).path("district").asString()).isEqualTo(People.Districts.BEILUN);

        feed.sendAndAwait(new MemberChanged(memberId, account, null, "LH-330206-KUAIDI", null, People.Districts.BEILUN,
                "GIG_WORKER", "LEFT", 2, EARLIER.plusSeconds(60)));
        assertThat(submit(RegisterFixtures.freshUscc(), token).path("district").asString())
                .as("a membership that ended says nothing: the token decides").isEqualTo(People.Districts.ZHENHAI);
    }

    @Test
    void aMembershipLinkedToAnotherAccountLeavesNothingUnderTheOldOne() {
        String memberId = RegisterFixtures.freshMemberId();
        String first = "worker-" + UUID.randomUUID();
        String second = "worker-" + UUID.randomUUID();
        copy.enrolled(new MemberEnrolled(memberId, first, null, "GH-91330211MA2H3K5Q1G", People.Enterprises.FUDE_ENERGY,
                People.Districts.ZHENHAI, "REGULAR", "ACTIVE", 1, EARLIER));
        copy.memberChanged(new MemberChanged(memberId, second, null, "GH-91330211MA2H3K5Q1G", People.Enterprises.FUDE_ENERGY,
                People.Districts.ZHENHAI, "REGULAR", "ACTIVE", 2, EARLIER.plusSeconds(60)));
        // Redelivered late: the first link must not come back.
        copy.enrolled(new MemberEnrolled(memberId, first, null, "GH-91330211MA2H3K5Q1G", People.Enterprises.FUDE_ENERGY,
                People.Districts.ZHENHAI, "REGULAR", "ACTIVE", 1, EARLIER));

        assertThat(memberships.ofAccount(first)).isEmpty();
        assertThat(memberships.ofAccount(second)).hasValueSatisfying(m -> {
            assertThat(m.memberId()).isEqualTo(memberId);
            assertThat(m.enterprise()).isEqualTo(People.Enterprises.FUDE_ENERGY);
        });

        copy.memberChanged(new MemberChanged(memberId, null, null, "GH-91330211MA2H3K5Q1G", People.Enterprises.FUDE_ENERGY,
                People.Districts.ZHENHAI, "REGULAR", "ACTIVE", 3, EARLIER.plusSeconds(120)));
        assertThat(memberships.ofAccount(second)).as("unlinked").isEmpty();
    }

    private static OrganisationUpdated updated(String uscc, String name, long revision) {
        return new OrganisationUpdated(uscc, "ENTERPRISE", name, People.Districts.ZHENHAI, null, "C", "SMALL", null, "ACTIVE",
                revision, EARLIER.plusSeconds(revision));
    }

    private JsonNode page(String uscc) {
        HttpResponse<String> page = api().get("/api/v1/feedback/enterprises/" + uscc, null);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return JSON.readTree(page.body());
    }

    /** A complaint about {@code uscc}; answers the item as the submitter sees it. */
    private JsonNode submit(String uscc, String token) {
        String body = """
                {"type":"COMPLAINT","category":"WAGES_ARREARS","channel":"MINI_PROGRAM","enterprise":"%s","anonymous":true,
                 "text":"两个月工资没发。","details":{"amountOwedFen":860000,"workersAffected":3}}""".formatted(uscc);
        HttpResponse<String> created = api().post("/api/v1/feedback/submissions", body, token, null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String tracking = JSON.readTree(created.body()).path("trackingNumber").asString();
        return JSON.readTree(api().get("/api/v1/feedback/submissions/" + tracking, token).body());
    }

    private static JsonNode submittedEvent(String tracking) {
        try (TopicProbe events = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "feedback.events")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> events.poll().stream().anyMatch(r -> contains(r.value(), tracking)));
            return JSON.readTree(events.poll().stream().filter(r -> contains(r.value(), tracking)).findFirst().orElseThrow().value());
        }
    }

    private static boolean contains(byte[] value, String text) {
        return new String(value, java.nio.charset.StandardCharsets.UTF_8).contains(text);
    }
}
