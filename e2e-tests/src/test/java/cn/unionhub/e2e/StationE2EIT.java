package cn.unionhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue #14 through the gateway: 福建's stations come in with their numbers; a courier in 厦门 at
 * 22:30 on a public holiday, position from WeChat in GCJ-02, asks for the nearest open station with
 * charging and gets the one that is open, not the nearer one that closes on holidays; a station
 * fails its 六有 inspection, is ordered to rectify, is delisted and is gone from the map; 200
 * workers tap for a 30-place health check and exactly 30 are confirmed.
 */
@Order(3) // shared platform (see PlatformTest)
class StationE2EIT extends PlatformTest {

    private static final Path STATIONS = Path.of("").toAbsolutePath().getParent()
            .resolve("devstack/src/main/resources/demo/fujian-stations.csv");

    @Test
    void importFindAtNightInspectDelistAndSignUpThroughTheGateway() throws Exception {
        String staff = platform.demoToken("staff-xiamen-siming");
        String csv = Files.readString(STATIONS).lines().filter(l -> l.startsWith("number,") || l.startsWith("FJ-350203-"))
                .reduce("", (a, b) -> a + b + "\n");
        HttpResponse<String> imported = platform.send(HttpRequest.newBuilder(URI.create(platform.gateway("/api/v1/stations/imports")))
                // 福建's network comes in listed by the city union's administrator (a district's import is applied, not listed)
                .header("Content-Type", "text/csv").header("Authorization", "Bearer " + platform.demoToken("admin-zhou"))
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(imported.body());
        assertThat(report.path("created").asInt() + report.path("unchanged").asInt()).isEqualTo(8);
        assertThat(report.path("failed").asInt()).isZero();

        // 国庆 night, 22:30, a courier on 鹭江道 by the post office station (which closes on public holidays).
        String nearest = "/api/v1/stations/nearest?latitude=24.4565&longitude=118.0725&datum=GCJ02&service=PHONE_CHARGING"
                + "&at=2026-10-01T22:30%2B08:00&radiusMetres=5000&limit=3";
        HttpResponse<String> found = platform.get(platform.gateway(nearest));
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        JsonNode first = JSON.readTree(found.body()).get(0);
        assertThat(first.path("number").asString()).isEqualTo("FJ-350203-0002");
        assertThat(first.path("datum").asString()).isEqualTo("GCJ02");
        assertThat(first.path("latitude").asDouble()).isEqualTo(24.4601, org.assertj.core.data.Offset.offset(1e-7));
        assertThat(first.path("phone").asString()).isEqualTo("139****1002");
        assertThat(JSON.readTree(found.body()).findValuesAsString("number")).doesNotContain("FJ-350203-0001");

        // The exit mechanism on 轮渡码头驿站: an inspection finds no first-aid kit and an old map entry.
        String station = "/api/v1/stations/FJ-350203-0007";
        JsonNode inspected = JSON.readTree(post(station + "/inspections", staff,
                "{\"met\":[\"UNIFIED_SIGN\",\"LAYOUT\",\"SERVICES\",\"RULES\",\"MAP_INFORMATION\"],\"mapInfoUpdatedOn\":\"2025-01-01\","
                        + "\"note\":\"急救箱缺失\"}").body());
        assertThat(inspected.path("lastInspection").path("failed").toString()).contains("FACILITIES", "MAP_INFORMATION");
        assertThat(post(station + "/rectification", staff, "{\"reason\":\"补齐急救箱并更新地图信息\",\"workingDays\":5}").statusCode())
                .isEqualTo(200);
        assertThat(post(station + "/delisting", staff, "{\"reason\":\"逾期未整改\"}").statusCode()).isEqualTo(200);
        assertThat(platform.get(platform.gateway(station)).statusCode()).isEqualTo(404);
        JsonNode now = JSON.readTree(platform.get(platform.gateway(
                "/api/v1/stations/nearest?latitude=24.4620&longitude=118.0745&datum=GCJ02&radiusMetres=1000&limit=20")).body());
        assertThat(now.findValuesAsString("number")).doesNotContain("FJ-350203-0007");

        // 中山公园电力驿站's manager publishes a 30-place health check; 200 workers tap at once.
        String manager = platform.demoToken("manager-fj-350203-0002");
        Instant starts = Instant.now().plusSeconds(3 * 86_400);
        HttpResponse<String> published = post("/api/v1/stations/FJ-350203-0002/activities", manager, """
                {"title":"户外劳动者免费健康体检","startsAt":"%s","endsAt":"%s","capacity":30}"""
                .formatted(starts, starts.plusSeconds(4 * 3_600)));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        String id = JSON.readTree(published.body()).path("id").asString();
        List<String> workers = new ArrayList<>();
        for (int enterprise = 2; workers.size() < 200; enterprise++) {
            for (int worker = 1; worker <= 20 && workers.size() < 200; worker++) {
                workers.add(platform.demoToken(String.format("zh-%02d-worker-%02d", enterprise, worker)));
            }
        }
        ExecutorService taps = Executors.newFixedThreadPool(40);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (String worker : workers) {
            answers.add(taps.submit(() -> post("/api/v1/stations/activities/" + id + "/sign-ups", worker, "{}")));
        }
        int confirmed = 0;
        int waiting = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            String outcome = JSON.readTree(response.body()).path("outcome").asString();
            confirmed += outcome.equals("CONFIRMED") ? 1 : 0;
            waiting += outcome.equals("WAITLISTED") ? 1 : 0;
        }
        taps.shutdown();
        assertThat(confirmed).isEqualTo(30);
        assertThat(waiting).isEqualTo(170);
        JsonNode activity = JSON.readTree(platform.get(platform.gateway("/api/v1/stations/activities/" + id)).body());
        assertThat(activity.path("placesLeft").asInt()).isZero();
        assertThat(activity.path("waiting").asInt()).isEqualTo(170);
    }

    private HttpResponse<String> post(String path, String token, String body) {
        return platform.send(HttpRequest.newBuilder(URI.create(platform.gateway(path)))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
