package cn.unionhub.station.visit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.security.Role;
import cn.unionhub.station.registry.api.StationApiITAccess;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.TestTokens;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Check-in with the code on a station's QR poster: once per worker, station and day; counts per station and district. */
@IntegrationTest
class VisitIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int port;

    @Test
    void workersCheckInWithThePostersCodeOncePerDayAndTheUnionsSeeTheCounts() {
        ApiClient api = new ApiClient(port);
        String number = StationApiITAccess.listedStation(api);
        String staff = StationApiITAccess.districtStaff();
        String code = JSON.readTree(api.get("/api/v1/stations/" + number + "/check-in-code", staff).body()).path("code").asString();
        assertThat(code).hasSize(16);
        String courier = TestTokens.token().subject("courier-visit-1").roles(Role.WORKER).build();
        String cleaner = TestTokens.token().subject("cleaner-visit-2").roles(Role.WORKER).build();
        assertThat(api.get("/api/v1/stations/" + number + "/check-in-code", courier).statusCode()).isEqualTo(403);

        String body = "{\"code\":\"" + code + "\"}";
        assertThat(api.post("/api/v1/stations/" + number + "/visits", body, courier).statusCode()).isEqualTo(201);
        JsonNode again = JSON.readTree(api.post("/api/v1/stations/" + number + "/visits", body, courier).body());
        assertThat(again.path("counted").asBoolean()).as("once a day").isFalse();
        assertThat(api.post("/api/v1/stations/" + number + "/visits", "{\"code\":\"AAAAAAAAAAAAAAAA\"}", cleaner).statusCode())
                .as("a made-up code").isEqualTo(400);
        assertThat(api.post("/api/v1/stations/" + number + "/visits", body, cleaner).statusCode()).isEqualTo(201);

        // The poster's photo went round a drivers' group: the keepers replace the code; the old one checks in no more.
        String replace = "/api/v1/stations/" + number + "/check-in-code/replacement";
        assertThat(api.post(replace, "{}", courier).statusCode()).isEqualTo(403);
        assertThat(api.post(replace, "{}", StationApiITAccess.otherDistrictStaff()).statusCode()).as("another district's union: no such station").isEqualTo(404);
        JsonNode replaced = JSON.readTree(api.post(replace, "{}", staff).body());
        String fresh = replaced.path("code").asString();
        assertThat(fresh).hasSize(16).isNotEqualTo(code);
        assertThat(JSON.readTree(api.get("/api/v1/stations/" + number + "/check-in-code", staff).body()).path("code").asString())
                .isEqualTo(fresh);
        String porter = TestTokens.token().subject("porter-visit-3").roles(Role.WORKER).build();
        assertThat(api.post("/api/v1/stations/" + number + "/visits", body, porter).statusCode()).as("the old poster").isEqualTo(400);
        assertThat(api.post("/api/v1/stations/" + number + "/visits", "{\"code\":\"" + fresh + "\"}", porter).statusCode())
                .isEqualTo(201);

        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String period = "from=" + today.minusDays(6) + "&to=" + today;
        JsonNode station = JSON.readTree(api.get("/api/v1/stations/" + number + "/visits?" + period, staff).body());
        assertThat(station.path("total").asLong()).isEqualTo(3);
        assertThat(station.path("days").path(today.toString()).asLong()).isEqualTo(3);
        assertThat(station.path("days").size()).isEqualTo(7);
        JsonNode district = JSON.readTree(api.get("/api/v1/stations/visits?district=350203&" + period, staff).body());
        assertThat(district.path("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(api.get("/api/v1/stations/visits?district=350203&" + period, null).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/stations/visits?district=350203&" + period, courier).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/stations/visits?district=350203&from=" + today + "&to=" + today.minusDays(1), staff).statusCode())
                .isEqualTo(400);
    }
}
