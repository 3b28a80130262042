package cn.unionhub.contest.contest.store;

import static cn.unionhub.contest.fixtures.ContestApi.ok;
import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.contest.fixtures.ContestApi;
import cn.unionhub.contest.fixtures.RegisteredWelders;
import cn.unionhub.contest.fixtures.ShiftedTime;
import cn.unionhub.security.Role;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.TestTokens;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A contest stored before the list's fields were kept beside its body (an installation upgraded with its data)
 * is listed after the next start, not only after its next change: on a running demo the list was empty.
 */
@IntegrationTest
@Import({ShiftedTime.class, RegisteredWelders.class}) // one context for every integration test of the service
class ContestListFieldsIT {

    @Value("${local.server.port}")
    int port;

    @Test
    void aContestStoredBeforeTheListFieldsIsListedAfterTheStart(@Autowired MongoTemplate mongo, @Autowired Contests contests) {
        ApiClient api = new ApiClient(port);
        String id = new ContestApi(api).publishedCountyContest(Instant.now().plus(Duration.ofDays(30)), null).path("id").asString();
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().unset("status").unset("year").unset("region"),
                "contests");
        String worker = TestTokens.token().subject("worker-upgrade").roles(Role.WORKER).build();
        assertThat(ok(api.get("/api/v1/contests?region=130102&year=2026", worker), 200).findValuesAsString("id"))
                .as("as an older installation stored it").doesNotContain(id);

        contests.keepListFields(); // what the next start does

        assertThat(ok(api.get("/api/v1/contests?region=130102&year=2026", worker), 200).findValuesAsString("id")).contains(id);
    }
}
