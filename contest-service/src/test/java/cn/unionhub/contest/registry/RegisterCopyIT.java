package cn.unionhub.contest.registry;

import static cn.unionhub.contest.fixtures.ContestApi.entry;
import static cn.unionhub.contest.fixtures.ContestApi.ok;
import static cn.unionhub.contest.fixtures.ContestApi.worker;
import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.contest.fixtures.ContestApi;
import cn.unionhub.contest.fixtures.People;
import cn.unionhub.contest.fixtures.RegisteredWelders;
import cn.unionhub.contest.fixtures.ShiftedTime;
import cn.unionhub.events.membercard.MemberChanged;
import cn.unionhub.events.membercard.MemberEnrolled;
import cn.unionhub.platform.identity.Pseudonyms;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.EventFeed;
import cn.unionhub.test.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;

/** contest-service's copy of the member register, fed through Kafka as member-card-service publishes it. */
@IntegrationTest
@Import({ShiftedTime.class, RegisteredWelders.class}) // one context for every integration test of the service
class RegisterCopyIT {

    private static final Instant EARLIER = Instant.parse("2026-11-01T00:00:00Z");

    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Pseudonyms pseudonyms;
    @Value("${local.server.port}")
    int port;

    @Test
    void aWorkerEntersOnceTheRegisterSaysTheirAccountIsLinkedAndNotAfterItIsUnlinked() {
        ApiClient api = new ApiClient(port);
        ContestApi contests = new ContestApi(api);
        EventFeed feed = new EventFeed(kafka, meters, "contest-service.register");
        int n = 200;
        String idHash = RegisteredWelders.idHash(pseudonyms, n);
        String member = "M000000000200";
        Instant closes = Instant.now().plus(Duration.ofDays(10));
        String first = contests.publishedCountyContest(closes, null).path("events").get(0).path("id").asString();
        String second = contests.publishedCountyContest(closes, null).path("events").get(0).path("id").asString();

        // Enrolled by their union without an account yet: not theirs to enter as.
        feed.sendAndAwait(new MemberEnrolled(member, null, idHash, "GH-" + People.SHIGANG.uscc(), People.SHIGANG.uscc(), "130102",
                "REGULAR", "ACTIVE", 1, EARLIER));
        ok(api.post("/api/v1/contests/events/" + first + "/registrations", entry(n, "EMPLOYEE", People.SHIGANG), worker("worker-200")), 403);

        // They link their account (the register checked their number and name): now they enter.
        feed.sendAndAwait(new MemberChanged(member, "worker-200", idHash, "GH-" + People.SHIGANG.uscc(), People.SHIGANG.uscc(),
                "130102", "REGULAR", "ACTIVE", 2, EARLIER.plusSeconds(60)));
        ok(api.post("/api/v1/contests/events/" + first + "/registrations", entry(n, "EMPLOYEE", People.SHIGANG), worker("worker-200")), 201);

        // The enrolment delivered again (older) does not take the link back; an unlink does.
        feed.sendAndAwait(new MemberEnrolled(member, null, idHash, "GH-" + People.SHIGANG.uscc(), People.SHIGANG.uscc(), "130102",
                "REGULAR", "ACTIVE", 1, EARLIER));
        ok(api.post("/api/v1/contests/events/" + second + "/registrations", entry(n, "EMPLOYEE", People.SHIGANG), worker("worker-200")), 201);
        String third = contests.publishedCountyContest(closes, null).path("events").get(0).path("id").asString();
        feed.sendAndAwait(new MemberChanged(member, null, idHash, "GH-" + People.SHIGANG.uscc(), People.SHIGANG.uscc(),
                "130102", "REGULAR", "LEFT", 3, EARLIER.plusSeconds(120)));
        ok(api.post("/api/v1/contests/events/" + third + "/registrations", entry(n, "EMPLOYEE", People.SHIGANG), worker("worker-200")), 403);
        assertThat(ok(api.post("/api/v1/contests/events/" + third + "/registrations", entry(n, "EMPLOYEE", People.SHIGANG),
                ContestApi.SHIGANG_UNION), 403).path("type").asString()).as("left the union").endsWith("/not-your-employee");
    }
}
