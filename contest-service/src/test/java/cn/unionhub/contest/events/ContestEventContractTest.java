package cn.unionhub.contest.events;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.contest.fixtures.People;
import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventCatalog;
import cn.unionhub.events.Topics;
import cn.unionhub.events.contest.AspectSentForReview;
import cn.unionhub.events.contest.AwardGranted;
import cn.unionhub.events.contest.CertificateIssued;
import cn.unionhub.events.contest.CompetitorAdvanced;
import cn.unionhub.events.contest.ContestPublished;
import cn.unionhub.events.contest.CraftsmanConferred;
import cn.unionhub.events.contest.CraftsmanNominated;
import cn.unionhub.events.contest.CraftsmanNoticed;
import cn.unionhub.events.contest.CraftsmanRejected;
import cn.unionhub.events.contest.ObjectionFiled;
import cn.unionhub.events.contest.ObjectionResolved;
import cn.unionhub.events.contest.RegistrationApproved;
import cn.unionhub.events.contest.ResultsFinal;
import cn.unionhub.events.contest.ResultsNoticed;
import cn.unionhub.platform.events.EventSchemas;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What contest-service publishes matches the contract it declares in platform-events: every event
 * record, as the outbox writes it, validates against its JSON Schema; every contest type is one of
 * these and goes on contest.events; a record with a field the schema does not know is refused.
 */
class ContestEventContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final EventSchemas SCHEMAS = new EventSchemas();
    private static final Instant AT = Instant.parse("2026-10-14T16:00:00Z");
    private static final String CONTEST = "CX130102-2026-001";
    private static final String EVENT = CONTEST + "-E01";
    private static final String ENTRY = EVENT + "-R00001";

    static List<DomainEvent> published() {
        return List.of(
                new ContestPublished(CONTEST, "2026年长安区职工职业技能大赛", "COUNTY", "130102", 2026, List.of(EVENT), "CC130100-2026-001", AT),
                new RegistrationApproved(ENTRY, CONTEST, EVENT, "ENTERPRISE_UNION", AT),
                new AspectSentForReview(EVENT, ENTRY, "A2", 650, 500, 17, AT),
                new ResultsNoticed(EVENT, CONTEST, EVENT + "-N1", 1, AT, AT.plusSeconds(7 * 86_400), false, 30, 0, 211),
                new ObjectionFiled(EVENT, EVENT + "-N1", EVENT + "-O001", ENTRY, AT),
                new ObjectionResolved(EVENT, EVENT + "-N1", EVENT + "-O001", null, "UPHELD", AT),
                new ResultsFinal(EVENT, CONTEST, EVENT + "-N2", 2, 212, AT),
                new CompetitorAdvanced(EVENT, CONTEST, ENTRY, People.idHash(1), 1, "CC130100-2026-001", AT),
                new AwardGranted(EVENT + ":first-prize:" + ENTRY, EVENT, CONTEST, ENTRY, People.idHash(1), "first-prize", "PRIZE", "一等奖",
                        1, 500_000, AT),
                new CertificateIssued("JS-X-130102-2026-000001", ENTRY, "长安区技术能手", AT),
                new CraftsmanNominated("GJ-2026-001-N001", "GJ-2026-001", "UNIT", AT),
                new CraftsmanNoticed("GJ-2026-001-N001", "GJ-2026-001", "GJ-2026-001-N1", AT, AT.plusSeconds(5 * 86_400)),
                new CraftsmanConferred("GJ-2026-001-N001", "GJ-2026-001", "上海工匠", People.idHash(2), AT),
                new CraftsmanRejected("GJ-2026-001-N002", "GJ-2026-001", "REVIEWED", AT));
    }

    @Test
    void everyContestEventValidatesAgainstItsSchema() {
        for (DomainEvent event : published()) {
            String type = EventCatalog.contractOf(event.getClass()).type();
            JsonNode data = JSON.valueToTree(event);
            assertThat(SCHEMAS.violations(type, data)).as(type + " " + data).isEmpty();
        }
    }

    @Test
    void everyContestTypeIsPublishedHereAndGoesOnContestEvents() {
        Set<String> catalogued = EventCatalog.events().stream().map(EventCatalog::contractOf)
                .filter(c -> c.type().startsWith("cn.unionhub.contest.")).map(c -> {
                    assertThat(c.topic()).isEqualTo(Topics.CONTEST);
                    return c.type();
                }).collect(Collectors.toSet());
        assertThat(published().stream().map(e -> EventCatalog.contractOf(e.getClass()).type()).collect(Collectors.toSet()))
                .isEqualTo(catalogued);
    }

    @Test
    void aFieldTheSchemaDoesNotKnowIsRefused() {
        var data = (tools.jackson.databind.node.ObjectNode) JSON.valueToTree(published().get(8));
        data.put("idNumber", People.residentId(1));
        assertThat(SCHEMAS.violations("cn.unionhub.contest.award-granted.v1", data)).isNotEmpty();
    }
}
