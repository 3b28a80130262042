package cn.unionhub.cases.casework.calendar.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.cases.casework.calendar.CalendarService;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.People;
import java.net.http.HttpResponse;
import java.time.LocalDate;
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
    void anAdministratorLoadsNextYearsScheduleAsANewAuditedVersionAndDeadlinesUseIt(@Autowired CalendarService calendars) {
        ApiClient api = new ApiClient(port);
        String admin = People.ADMIN.token();
        String staff = People.DISTRICT_ZHENHAI.token();

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

        HttpResponse<String> loaded = put(api, SCHEDULE_2027.formatted("\"2027-02-14\""), admin);
        assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(201);
        JsonNode first = JSON.readTree(loaded.body());
        assertThat(first.path("provisional").asBoolean()).isFalse();
        assertThat(first.path("version").asInt()).isEqualTo(1);
        assertThat(first.path("loadedBy").asString()).isEqualTo("admin-zhou");
        assertThat(first.path("source").asString()).startsWith("国办发明电");
        assertThat(calendars.calendar().isWorkingDay(LocalDate.of(2027, 2, 14))).isTrue(); // 调休上班
        assertThat(calendars.calendar().isWorkingDay(LocalDate.of(2027, 2, 11))).isFalse(); // part of the Spring Festival break

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
