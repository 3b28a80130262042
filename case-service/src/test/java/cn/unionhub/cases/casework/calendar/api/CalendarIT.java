package cn.unionhub.cases.casework.calendar.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.cases.casework.calendar.CalendarService;
import cn.unionhub.cases.casework.domain.Case;
import cn.unionhub.cases.casework.domain.CaseFacts;
import cn.unionhub.cases.casework.domain.CaseRules;
import cn.unionhub.cases.casework.domain.HistoryEntry;
import cn.unionhub.cases.casework.store.Cases;
import cn.unionhub.cases.registry.RegisterCopy;
import cn.unionhub.cases.registry.RegisterFixtures;
import cn.unionhub.events.Topics;
import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.platform.events.EventSchemas;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.People;
import cn.unionhub.test.TestInfrastructure;
import cn.unionhub.test.TopicProbe;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Next year's schedule is loaded through the API the day the State Council publishes it: until
 * then the year is provisional (statutory holidays only); a wrong schedule is refused with every
 * mistake; each load is a new version with who loaded it from which document; deadlines use it.
 */
@IntegrationTest
class CalendarIT {

    @BeforeEach
    void districtsRegistered(@Autowired RegisterCopy register) {
        RegisterFixtures.registerPilotDistricts(register);
    }


    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SCHEDULE_2027 = """
            {"source":"国办发明电〔2026〕XX号（测试）",
             "holidays":{"元旦":["2027-01-01","2027-01-03"],"春节":["2027-02-05","2027-02-13"],"清明节":["2027-04-03","2027-04-05"],
                         "劳动节":["2027-05-01","2027-05-05"],"端午节":["2027-06-09","2027-06-11"],"中秋节":["2027-09-15","2027-09-17"],
                         "国庆节":["2027-10-01","2027-10-07"]},
             "makeUpWorkdays":[%s]}""";

    @Value("${local.server.port}")
    int port;

    @Test
    void anAdministratorLoadsNextYearsScheduleAsANewAuditedVersionAndDeadlinesUseIt(@Autowired CalendarService calendars,
            @Autowired Cases cases, @Autowired CaseRules rules, @Autowired EventSchemas schemas) throws Exception {
        ApiClient api = new ApiClient(port);
        String admin = People.ADMIN.token();
        String staff = People.DISTRICT_ZHENHAI.token();
        // A case opened the day before 除夕 2027, while the year is only computed: first answer due Tuesday 9 February.
        Case.Intake intake = new Case.Intake("case-fb-calendar-1", Case.Source.FEEDBACK, "fb-calendar-1", "fb-calendar-1",
                "ZGDP-20270204-C4TEND", new Case.Matter("CANTEEN_DORMITORY_COMMUTE", "91330211MA2H3K5Q1G", "宁波富德能源有限公司",
                        "330211", "REGULAR", "MINI_PROGRAM", "春节前食堂停伙", null, null), false, Case.By.WORKER);
        Instant openedAt = LocalDateTime.parse("2027-02-04T15:00").atZone(BusinessCalendar.BEIJING).toInstant();
        cases.insert(Case.open(intake, rules.routing().route(CaseFacts.of(intake.matter(), Case.priorityOf(intake), intake.source())),
                rules, "GD-20270204-C4TEND", openedAt));
        assertThat(cases.byId(intake.id()).orElseThrow().deadlines().firstResponseDueAt())
                .isEqualTo(LocalDateTime.parse("2027-02-09T15:00").atZone(BusinessCalendar.BEIJING).toInstant());

        JsonNode before = JSON.readTree(api.get("/api/v1/cases/calendars/2027", staff).body());
        assertThat(before.path("provisional").asBoolean()).isTrue();
        assertThat(before.path("daysOff").toString()).contains("2027-01-01", "2027-02-06");
        assertThat(calendars.calendar().isWorkingDay(LocalDate.of(2027, 2, 14))).isFalse(); // a Sunday

        assertThat(put(api, SCHEDULE_2027.formatted("\"2027-02-14\""), staff).statusCode()).isEqualTo(403);
        HttpResponse<String> wednesday = put(api, SCHEDULE_2027.formatted("\"2027-02-10\""), admin);
        assertThat(wednesday.statusCode()).isEqualTo(400);
        assertThat(wednesday.body()).contains("not-a-weekend-day").contains("makeUpWorkdays[0]");
        HttpResponse<String> noMidAutumn = put(api, SCHEDULE_2027.formatted("\"2027-02-14\"")
                .replace(",\"中秋节\":[\"2027-09-15\",\"2027-09-17\"]", ""), admin);
        assertThat(noMidAutumn.statusCode()).isEqualTo(400);
        assertThat(noMidAutumn.body()).contains("missing-statutory-holiday").contains("2027-09-15");
        assertThat(JSON.readTree(api.get("/api/v1/cases/calendars/2027", staff).body()).path("provisional").asBoolean()).isTrue();

        HttpResponse<String> loaded;
        try (TopicProbe events = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), Topics.CALENDAR)) {
            loaded = put(api, SCHEDULE_2027.formatted("\"2027-02-14\""), admin);
            assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(201);
            // Other services counting working days (stations) take it from the event, on a topic of its
            // own: they need not read every case event, and compaction keeps each year's newest version.
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var published = events.withKey("calendar-2027").stream()
                        .filter(r -> "cn.unionhub.case.calendar-published.v1".equals(TopicProbe.header(r, "ce_type"))).findFirst();
                assertThat(published).isPresent();
                JsonNode data = JSON.readTree(published.get().value());
                assertThat(schemas.violations("cn.unionhub.case.calendar-published.v1", data)).isEmpty();
                assertThat(data.path("daysOff").toString()).contains("2027-02-11");
                assertThat(data.path("makeUpWorkdays").toString()).contains("2027-02-14");
            });
        }
        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CALENDAR);
            assertThat(kafka.describeConfigs(List.of(topic)).all().get().get(topic).get("cleanup.policy").value())
                    .as("a service deployed years later still reads every kept year").isEqualTo("compact");
        }
        JsonNode first = JSON.readTree(loaded.body());
        assertThat(first.path("provisional").asBoolean()).isFalse();
        assertThat(first.path("version").asInt()).isEqualTo(1);
        assertThat(first.path("loadedBy").asString()).isEqualTo("admin-zhou");
        assertThat(first.path("source").asString()).startsWith("国办发明电");
        assertThat(calendars.calendar().isWorkingDay(LocalDate.of(2027, 2, 14))).isTrue(); // 调休上班
        assertThat(calendars.calendar().isWorkingDay(LocalDate.of(2027, 2, 11))).isFalse(); // part of the Spring Festival break
        // The open case was counted again on the published schedule: the break runs to the 13th, Sunday the 14th is worked.
        Case moved = cases.byId(intake.id()).orElseThrow();
        assertThat(moved.deadlines().firstResponseDueAt())
                .isEqualTo(LocalDateTime.parse("2027-02-14T15:00").atZone(BusinessCalendar.BEIJING).toInstant());
        assertThat(moved.history()).extracting(HistoryEntry::action).containsOnlyOnce("DEADLINES_RECALCULATED");

        JsonNode second = JSON.readTree(put(api, SCHEDULE_2027.formatted("\"2027-02-14\",\"2027-02-20\""), admin).body());
        assertThat(second.path("version").asInt()).isEqualTo(2);
        assertThat(second.path("makeUpWorkdays").toString()).contains("2027-02-20");
    }

    private static HttpResponse<String> put(ApiClient api, String body, String token) {
        return api.send(java.net.http.HttpRequest.newBuilder(api.uri("/api/v1/cases/calendars/2027"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
