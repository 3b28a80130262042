package cn.unionhub.station.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 福建's stations come in with the numbers they already have (the city union's administrators import an existing
 * network as listed): row by row, the same file twice changes nothing, a changed row updates its station, and a
 * station registered afterwards never gets an imported number. Then a courier plans a public-holiday night: open at
 * 22:30 on 国庆 with charging.
 */
@IntegrationTest
class StationImportIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HEADER = "number,name,type,district,address,latitude,longitude,datum,services,openingHours,managerName,managerPhone\n";
    private static final String ROWS = """
            FJ-350203-0101,鹭江道邮政驿站,CO_BUILT_POST_OFFICE,350203,厦门市思明区鹭江道 2 号,24.4400,118.0700,GCJ02,PHONE_CHARGING|DRINKING_WATER,"Mo-Su 08:00-22:00; PH off",黄站长,13905921111
            FJ-350203-0102,中山公园电力驿站,CO_BUILT_POWER_COMPANY,350203,厦门市思明区公园南路 1 号,24.4450,118.0700,GCJ02,PHONE_CHARGING|REST,"Mo-Su 08:00-20:00; PH 08:00-23:00",陈站长,13905922222
            FJ-350203-0103,思明环卫工人驿站,SELF_BUILT,350203,厦门市思明区思明南路 9 号,24.4420,118.0690,GCJ02,REST|FOOD_HEATING,24/7,,
            FJ-350206-0001,错区的编号,SELF_BUILT,350203,厦门市思明区,24.44,118.07,GCJ02,REST,24/7,,
            FJ-350203-0101,重复的编号,SELF_BUILT,350203,厦门市思明区,24.44,118.07,GCJ02,REST,24/7,,
            """;

    private static final String ADMIN = cn.unionhub.test.TestTokens.token().subject("admin-fujian").roles(cn.unionhub.security.Role.ADMIN)
            .build();

    @Value("${local.server.port}")
    int port;

    private HttpResponse<String> upload(ApiClient api, String csv, String token) {
        return api.send(HttpRequest.newBuilder(api.uri("/api/v1/stations/imports")).header("Content-Type", "text/csv")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(csv)).build());
    }

    @Test
    void anExistingNetworkIsImportedWithItsNumbersOnceAndACourierFindsWhatIsOpenOnAHolidayNight() {
        ApiClient api = new ApiClient(port);
        HttpResponse<String> first = upload(api, HEADER + ROWS, ADMIN);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(first.body());
        assertThat(report.path("created").asInt()).isEqualTo(3);
        assertThat(report.path("failed").asInt()).isEqualTo(2);
        assertThat(report.path("rows").get(3).toString()).contains("number-not-of-district");
        assertThat(report.path("rows").get(4).toString()).contains("duplicate-in-file");
        // Each refused row says what is wrong in words, not only a code (Chinese first; English on request).
        assertThat(report.path("rows").get(4).path("errors").get(0).path("message").asString()).isEqualTo("该站点编号在文件中重复出现");

        JsonNode again = JSON.readTree(upload(api, HEADER + ROWS, ADMIN).body());
        assertThat(again.path("unchanged").asInt()).isEqualTo(3);
        assertThat(again.path("created").asInt()).isZero();
        JsonNode changed = JSON.readTree(upload(api, HEADER + ROWS.replace("24/7,,", "Mo-Sa 06:00-22:00,,"), StationApiIT.SIMING_STAFF)
                .body()); // the district's staff keep their stations' details up to date
        assertThat(changed.path("updated").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(api.get("/api/v1/stations/FJ-350203-0103", null).body()).path("openingHours").asString())
                .isEqualTo("Mo-Sa 06:00-22:00");
        // Once the station's manager sets its hours, they are the manager's: the district's next import leaves them (it
        // undid the manager's change silently).
        String manager = cn.unionhub.test.TestTokens.token().subject("manager-FJ-350203-0103").roles(cn.unionhub.security.Role.HANDLER)
                .organisation("STATION:FJ-350203-0103").build();
        assertThat(api.put("/api/v1/stations/FJ-350203-0103/hours", "{\"openingHours\":\"Mo-Su 07:00-23:00\"}", manager).statusCode())
                .isEqualTo(200);
        upload(api, HEADER + ROWS.replace("24/7,,", "Mo-Sa 06:00-22:00,,"), StationApiIT.SIMING_STAFF);
        assertThat(JSON.readTree(api.get("/api/v1/stations/FJ-350203-0103", null).body()).path("openingHours").asString())
                .isEqualTo("Mo-Su 07:00-23:00");
        // A GBK file (Excel's "CSV" on a Chinese Windows) is read as GBK, not put on the map as mojibake.
        HttpResponse<String> gbk = api.send(java.net.http.HttpRequest.newBuilder(api.uri("/api/v1/stations/imports"))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "text/csv")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray((HEADER
                        + "FJ-350203-0301,思明区GBK编码驿站,SELF_BUILT,350203,厦门市思明区,24.45,118.08,GCJ02,REST,24/7,,\n")
                        .getBytes(java.nio.charset.Charset.forName("GBK")))).build());
        assertThat(gbk.statusCode()).as(gbk.body()).isEqualTo(200);
        assertThat(JSON.readTree(api.get("/api/v1/stations/FJ-350203-0301", null).body()).path("name").asString()).isEqualTo("思明区GBK编码驿站");
        assertThat(upload(api, HEADER + ROWS, cn.unionhub.test.People.WORKER_ZHANG_WEI.token()).statusCode()).isEqualTo(403);
        JsonNode otherDistrict = JSON.readTree(upload(api, HEADER + ROWS, StationApiIT.HULI_STAFF).body());
        assertThat(otherDistrict.path("created").asInt() + otherDistrict.path("updated").asInt()).isZero();
        assertThat(otherDistrict.path("rows").get(0).toString()).contains("not-your-district");

        // A district union's own import comes in as applied: on the map only after an inspection (it went on at once).
        String own = "FJ-350203-0201,思明区新驿站,SELF_BUILT,350203,厦门市思明区,24.44,118.07,GCJ02,REST,24/7,,\n";
        JsonNode applied = JSON.readTree(upload(api, HEADER + own, StationApiIT.SIMING_STAFF).body());
        assertThat(applied.path("created").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(api.get("/api/v1/stations/FJ-350203-0201/record", StationApiIT.SIMING_STAFF).body()).path("status")
                .asString()).isEqualTo("APPLIED");
        JsonNode listedByDistrict = JSON.readTree(upload(api, HEADER.replace("managerPhone\n", "managerPhone,status\n")
                + own.replace("0201", "0202").replace(",,\n", ",,,LISTED\n"), StationApiIT.SIMING_STAFF).body());
        assertThat(listedByDistrict.path("rows").get(0).toString()).contains("listed-after-inspection");

        // 国庆, 22:30, a courier 100 m from 鹭江道 (closed on public holidays) and 560 m from 中山公园 (open till 23:00).
        String nearest = "/api/v1/stations/nearest?latitude=24.4401&longitude=118.0709&datum=GCJ02&service=PHONE_CHARGING"
                + "&at=2026-10-01T22:30%2B08:00&radiusMetres=2000";
        HttpResponse<String> holidayNight = api.get(nearest, null);
        assertThat(holidayNight.statusCode()).as(holidayNight.body()).isEqualTo(200);
        assertThat(JSON.readTree(holidayNight.body()).get(0).path("number").asString()).isEqualTo("FJ-350203-0102");
        JsonNode ordinaryEvening = JSON.readTree(api.get(nearest.replace("2026-10-01T22:30", "2026-11-24T21:00"), null).body());
        assertThat(ordinaryEvening.get(0).path("number").asString()).as("on a Tuesday at 21:00 the nearer one is open")
                .isEqualTo("FJ-350203-0101");
        assertThat(api.get(nearest.replace("2026-10-01T22:30%2B08:00", "tonight"), null).statusCode()).isEqualTo(400);

        // For map providers: GeoJSON of the district's stations, OSM-style properties, in the datum asked for.
        JsonNode geojson = JSON.readTree(api.get("/api/v1/stations/export?district=350203&datum=GCJ02", null).body());
        assertThat(geojson.path("type").asString()).isEqualTo("FeatureCollection");
        JsonNode zhongshan = null;
        for (JsonNode feature : geojson.path("features")) {
            if (feature.path("properties").path("ref").asString().equals("FJ-350203-0102")) {
                zhongshan = feature;
            }
        }
        assertThat(zhongshan).isNotNull();
        assertThat(zhongshan.path("properties").path("opening_hours").asString()).isEqualTo("Mo-Su 08:00-20:00; PH 08:00-23:00");
        assertThat(zhongshan.path("geometry").path("coordinates").get(0).asDouble()).isCloseTo(118.07, org.assertj.core.data.Offset.offset(1e-7));
    }

    /**
     * An imported number costs only itself: a mistyped last number ({@code …-9999}) used up the district's numbers for good,
     * and the numbers below an imported one were never given. A registration after the import gets the first free one.
     */
    @Test
    void anImportedNumberCostsOnlyItself() {
        ApiClient api = new ApiClient(port);
        HttpResponse<String> imported = upload(api, HEADER
                + "FJ-350206-9999,湖里区最后一号驿站,SELF_BUILT,350206,厦门市湖里区,24.50,118.10,GCJ02,REST,24/7,,\n"
                + "FJ-350206-0001,湖里区一号驿站,SELF_BUILT,350206,厦门市湖里区,24.50,118.10,GCJ02,REST,24/7,,\n", ADMIN);
        assertThat(JSON.readTree(imported.body()).path("created").asInt()).as(imported.body()).isEqualTo(2);
        HttpResponse<String> next = api.post("/api/v1/stations", StationApiIT.registration(24.50, 118.11, "24/7", "\"REST\"")
                .replace("350203", "350206"), StationApiIT.HULI_STAFF);
        assertThat(next.statusCode()).as(next.body()).isEqualTo(201);
        String number = JSON.readTree(next.body()).path("number").asString();
        assertThat(number).as("neither imported number").isNotIn("FJ-350206-9999", "FJ-350206-0001").startsWith("FJ-350206-");
    }
}
