package cn.unionhub.station.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.unionhub.platform.events.EventSchemas;
import cn.unionhub.security.Role;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.People;
import cn.unionhub.test.TestInfrastructure;
import cn.unionhub.test.TestTokens;
import cn.unionhub.test.TopicProbe;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry through the API: a 厦门 district union registers a station from a position on a
 * Chinese map (GCJ-02), inspects and lists it; a courier finds it as the nearest open station with
 * charging, in the datum they asked in; the exit mechanism takes it off the map; every refusal
 * leaves nothing behind.
 */
@IntegrationTest
class StationApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String SIMING = "350203";
    static final String SIMING_STAFF = TestTokens.token().subject("staff-xiamen-siming").roles(Role.DISTRICT_UNION).district(SIMING)
            .build();
    static final String HULI_STAFF = TestTokens.token().subject("staff-xiamen-huli").roles(Role.DISTRICT_UNION).district("350206")
            .build();

    @Value("${local.server.port}")
    int port;

    static String registration(double gcjLatitude, double gcjLongitude, String hours, String services) {
        return """
                {"name":"中山路快递小哥驿站","type":"CO_BUILT_BANK","district":"350203","address":"厦门市思明区中山路 88 号",
                 "latitude":%s,"longitude":%s,"datum":"GCJ02","services":[%s],"openingHours":"%s",
                 "managerName":"林经理","managerPhone":"13905920000"}""".formatted(gcjLatitude, gcjLongitude, services, hours);
    }

    static String listedStation(ApiClient api, double lat, double lon, String hours, String services) {
        HttpResponse<String> registered = api.post("/api/v1/stations", registration(lat, lon, hours, services), SIMING_STAFF);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String number = JSON.readTree(registered.body()).path("number").asString();
        HttpResponse<String> inspected = api.post("/api/v1/stations/" + number + "/inspections", """
                {"met":["UNIFIED_SIGN","LAYOUT","FACILITIES","SERVICES","RULES","MAP_INFORMATION"],"mapInfoUpdatedOn":"%s"}"""
                .formatted(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))), SIMING_STAFF);
        assertThat(inspected.statusCode()).as(inspected.body()).isEqualTo(200);
        assertThat(api.post("/api/v1/stations/" + number + "/listing", "{}", SIMING_STAFF).statusCode()).isEqualTo(200);
        return number;
    }

    @Test
    void aCourierFindsTheNearestOpenStationWithChargingInTheDatumTheyAskedIn(@Autowired EventSchemas schemas) {
        ApiClient api = new ApiClient(port);
        try (TopicProbe events = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "station.events")) {
            HttpResponse<String> registered = api.post("/api/v1/stations",
                    registration(24.4563, 118.0830, "24/7", "\"PHONE_CHARGING\",\"DRINKING_WATER\""), SIMING_STAFF);
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
            JsonNode record = JSON.readTree(registered.body());
            String number = record.path("number").asString();
            assertThat(number).matches("FJ-350203-\\d{4}");
            assertThat(record.path("status").asString()).isEqualTo("APPLIED");
            assertThat(api.get("/api/v1/stations/" + number, null).statusCode()).as("not on the map before listing").isEqualTo(404);

            assertThat(api.post("/api/v1/stations/" + number + "/listing", "{}", SIMING_STAFF).statusCode())
                    .as("listing needs a passed inspection").isEqualTo(409);
            assertThat(api.post("/api/v1/stations/" + number + "/inspections", "{\"met\":[],\"mapInfoUpdatedOn\":\"2026-11-01\"}",
                    HULI_STAFF).statusCode()).as("another district's union does not even see an applied station").isEqualTo(404);
            assertThat(api.post("/api/v1/stations/" + number + "/inspections",
                    "{\"met\":[\"UNIFIED_SIGN\",\"LAYOUT\",\"FACILITIES\",\"SERVICES\",\"RULES\",\"MAP_INFORMATION\"],"
                            + "\"mapInfoUpdatedOn\":\"2026-11-20\"}", SIMING_STAFF).statusCode()).isEqualTo(200);
            assertThat(api.post("/api/v1/stations/" + number + "/listing", "{}", SIMING_STAFF).statusCode()).isEqualTo(200);

            JsonNode shown = JSON.readTree(api.get("/api/v1/stations/" + number + "?datum=GCJ02", null).body());
            // As its sign publishes them: a worker calls the station's manager.
            assertThat(shown.path("phone").asString()).isEqualTo("13905920000");
            assertThat(shown.path("managerName").asString()).isEqualTo("林经理");
            assertThat(shown.path("latitude").asDouble()).isCloseTo(24.4563, within(1e-7));

            // A courier 300 m away, position straight from wx.getLocation({type: 'gcj02'}).
            HttpResponse<String> nearest = api.get("/api/v1/stations/nearest?latitude=24.4590&longitude=118.0830&datum=GCJ02"
                    + "&service=PHONE_CHARGING&limit=3", null);
            assertThat(nearest.statusCode()).as(nearest.body()).isEqualTo(200);
            JsonNode first = JSON.readTree(nearest.body()).get(0);
            assertThat(first.path("number").asString()).isEqualTo(number);
            assertThat(first.path("distanceMetres").asLong()).isBetween(290L, 310L);
            assertThat(first.path("latitude").asDouble()).isCloseTo(24.4563, within(1e-7));
            assertThat(first.path("longitude").asDouble()).isCloseTo(118.0830, within(1e-7));
            assertThat(first.path("datum").asString()).isEqualTo("GCJ02");
            // The same station asked for in WGS-84 is where GPS puts it: hundreds of metres from the GCJ-02 numbers.
            JsonNode wgs = JSON.readTree(api.get("/api/v1/stations/nearest?latitude=24.4590&longitude=118.0830&datum=WGS84&limit=20"
                    + "&radiusMetres=3000", null).body());
            assertThat(wgs.findValuesAsString("number")).contains(number);
            assertThat(JSON.readTree(api.get("/api/v1/stations/nearest?latitude=24.4590&longitude=118.0830&datum=GCJ02&service=HEATING",
                    null).body()).findValuesAsString("number")).doesNotContain(number);

            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var registeredEvent = events.withKey(number).stream()
                        .filter(r -> "cn.unionhub.station.registered.v1".equals(TopicProbe.header(r, "ce_type"))).findFirst();
                assertThat(registeredEvent).isPresent();
                JsonNode data = JSON.readTree(registeredEvent.get().value());
                assertThat(schemas.violations("cn.unionhub.station.registered.v1", data)).isEmpty();
                assertThat(data.path("latitude").asDouble()).as("stored and published in WGS-84").isNotCloseTo(24.4563, within(1e-4));
            });
        }
    }

    @Test
    void aStationThatIsClosedNowOrDelistedIsNotOnTheMap() {
        ApiClient api = new ApiClient(port);
        String closed = listedStation(api, 24.4700, 118.1000, "Mo-Su off; PH off", "\"PHONE_CHARGING\"");
        String open = listedStation(api, 24.4705, 118.1000, "24/7", "\"PHONE_CHARGING\"");
        String near = "/api/v1/stations/nearest?latitude=24.4702&longitude=118.1000&datum=GCJ02&limit=20&radiusMetres=500";
        assertThat(JSON.readTree(api.get(near, null).body()).findValuesAsString("number")).contains(open).doesNotContain(closed);

        HttpResponse<String> ordered = api.post("/api/v1/stations/" + open + "/rectification",
                "{\"reason\":\"饮水机损坏，限期修复\",\"workingDays\":5}", SIMING_STAFF);
        assertThat(ordered.statusCode()).as(ordered.body()).isEqualTo(200);
        assertThat(JSON.readTree(ordered.body()).path("rectification").path("dueAt").asString()).isNotEmpty();
        JsonNode rectifying = JSON.readTree(api.get(near, null).body());
        assertThat(rectifying.findValuesAsString("number")).as("still serving while it rectifies").contains(open);

        assertThat(api.post("/api/v1/stations/" + open + "/delisting", "{\"reason\":\"逾期未整改\"}", SIMING_STAFF).statusCode())
                .isEqualTo(200);
        assertThat(JSON.readTree(api.get(near, null).body()).findValuesAsString("number")).doesNotContain(open);
        assertThat(api.get("/api/v1/stations/" + open, null).statusCode()).isEqualTo(404);
        assertThat(api.post("/api/v1/stations/" + open + "/listing", "{}", SIMING_STAFF).statusCode()).as("delisted for good")
                .isEqualTo(409);
    }

    /** A registration or an activity sent twice under one Idempotency-Key (a timeout, a double tap) makes one. */
    @Test
    void aRequestSentAgainUnderItsKeyMakesOneStationAndOneActivity() {
        ApiClient api = new ApiClient(port);
        String form = registration(24.4801, 118.0801, "24/7", "\"REST\"");
        HttpResponse<String> first = api.post("/api/v1/stations", form, SIMING_STAFF, "station-key-1");
        HttpResponse<String> again = api.post("/api/v1/stations", form, SIMING_STAFF, "station-key-1");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        String number = JSON.readTree(first.body()).path("number").asString();
        assertThat(JSON.readTree(again.body()).path("number").asString()).isEqualTo(number);
        assertThat(api.post("/api/v1/stations", registration(24.4802, 118.0801, "24/7", "\"REST\""), SIMING_STAFF, "station-key-1")
                .statusCode()).as("the key with another form").isEqualTo(409);
        String next = JSON.readTree(api.post("/api/v1/stations", form, SIMING_STAFF, "station-key-2").body()).path("number").asString();
        assertThat(Integer.parseInt(next.substring(10))).as("the retry used up no number").isEqualTo(Integer.parseInt(number.substring(10)) + 1);

        String listed = listedStation(api, 24.4803, 118.0803, "24/7", "\"REST\"");
        java.time.Instant starts = java.time.Instant.now().plusSeconds(86_400);
        String activity = """
                {"title":"义诊","description":"健康检查","startsAt":"%s","endsAt":"%s","capacity":10}"""
                .formatted(starts, starts.plusSeconds(3_600));
        HttpResponse<String> published = api.post("/api/v1/stations/" + listed + "/activities", activity, SIMING_STAFF, "activity-key-1");
        HttpResponse<String> republished = api.post("/api/v1/stations/" + listed + "/activities", activity, SIMING_STAFF, "activity-key-1");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        assertThat(JSON.readTree(republished.body()).path("id").asString()).isEqualTo(JSON.readTree(published.body()).path("id").asString());
    }

    @Test
    void badInputIsAClearProblemAndChangesNothing() {
        ApiClient api = new ApiClient(port);
        // A registration with an unknown datum and nothing else right names every field, not the datum alone.
        HttpResponse<String> badForm = api.post("/api/v1/stations", "{\"name\":\"\",\"district\":\"350203\",\"latitude\":24.4,"
                + "\"longitude\":118.0,\"datum\":\"bd09x\"}", SIMING_STAFF);
        assertThat(badForm.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badForm.body()).path("errors").findValuesAsString("field"))
                .contains("datum", "name", "type", "address", "services", "openingHours").doesNotContain("position");
        HttpResponse<String> swapped = api.get("/api/v1/stations/nearest?latitude=118.08&longitude=24.45&datum=GCJ02", null);
        assertThat(swapped.statusCode()).isEqualTo(400);
        assertThat(swapped.body()).contains("coordinates-swapped").contains("经纬度似乎填反了");
        HttpResponse<String> unknownDatum = api.get("/api/v1/stations/nearest?latitude=24.45&longitude=118.08&datum=BD09", null);
        assertThat(unknownDatum.statusCode()).isEqualTo(400);
        assertThat(unknownDatum.body()).contains("\"field\":\"datum\"");
        HttpResponse<String> noDatum = api.get("/api/v1/stations/nearest?latitude=24.45&longitude=118.08", null);
        assertThat(noDatum.statusCode()).isEqualTo(400);
        HttpResponse<String> english = api.send(HttpRequest.newBuilder(api.uri(
                "/api/v1/stations/nearest?latitude=24.45&longitude=200&datum=WGS84")).header("Accept-Language", "en").GET().build());
        assertThat(english.statusCode()).isEqualTo(400);
        assertThat(english.body()).contains("must be between");

        String first = JSON.readTree(api.post("/api/v1/stations", registration(24.48, 118.09, "24/7", "\"REST\""), SIMING_STAFF).body())
                .path("number").asString();
        HttpResponse<String> badHours = api.post("/api/v1/stations", registration(24.48, 118.09, "sunrise-sunset", "\"REST\""),
                SIMING_STAFF);
        assertThat(badHours.statusCode()).isEqualTo(400);
        assertThat(badHours.body()).contains("\"field\":\"openingHours\"").contains("无法识别：sunrise-sunset");
        // Hours longer than the events carry are a 400 naming them (a 500 at the event when they were changed later), and a
        // position outside China (0,0; a slip of datum or digits) is refused.
        HttpResponse<String> longHours = api.post("/api/v1/stations", registration(24.48, 118.09, "Mo-Su 08:00-20:00; "
                + "2027 Jan 01 off; ".repeat(70), "\"REST\""), SIMING_STAFF);
        assertThat(longHours.statusCode()).as(longHours.body()).isEqualTo(400);
        assertThat(longHours.body()).contains("openingHours", "too-long");
        HttpResponse<String> atSea = api.post("/api/v1/stations", registration(0.0, 0.0, "24/7", "\"REST\""), SIMING_STAFF);
        assertThat(atSea.statusCode()).isEqualTo(400);
        assertThat(atSea.body()).contains("outside-china");
        HttpResponse<String> badPhoto = api.post("/api/v1/stations", registration(24.48, 118.09, "24/7", "\"REST\"").replace("}",
                ",\"photos\":[{\"key\":\"../../../etc/passwd\",\"contentType\":\"text/html\",\"bytes\":-5}]}"), SIMING_STAFF);
        assertThat(badPhoto.statusCode()).isEqualTo(400);
        assertThat(badPhoto.body()).contains("photo-invalid");
        assertThat(api.post("/api/v1/stations", registration(24.48, 118.09, "24/7", "\"REST\""), People.WORKER_ZHANG_WEI.token())
                .statusCode()).isEqualTo(403);
        assertThat(api.post("/api/v1/stations", registration(24.48, 118.09, "24/7", "\"REST\""), null).statusCode()).isEqualTo(401);
        String next = JSON.readTree(api.post("/api/v1/stations", registration(24.48, 118.09, "24/7", "\"REST\""), SIMING_STAFF).body())
                .path("number").asString();
        assertThat(Integer.parseInt(next.substring(10))).as("a refused form took no number").isEqualTo(Integer.parseInt(first.substring(10)) + 1);
    }

    /** A city's office is over its districts' stations (as contest offices are over their counties' contests), not another city's. */
    @Test
    void aCitysOfficeGovernsItsDistrictsStationsOnly() {
        ApiClient api = new ApiClient(port);
        String xiamen = TestTokens.token().subject("staff-xiamen-city").roles(Role.DISTRICT_UNION).district("350200").build();
        String fuzhou = TestTokens.token().subject("staff-fuzhou-city").roles(Role.DISTRICT_UNION).district("350100").build();
        HttpResponse<String> own = api.get("/api/v1/stations?district=" + SIMING, xiamen);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(api.get("/api/v1/stations?district=" + SIMING, fuzhou).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/stations?district=" + SIMING, HULI_STAFF).statusCode()).as("a neighbouring district").isEqualTo(403);
        // The city's own code covers its districts: the list, the map export and the visit counts (each read nothing).
        String listed = listedStation(api, 24.4811, 118.0811, "24/7", "\"REST\"");
        JsonNode cityList = JSON.readTree(api.get("/api/v1/stations?district=350200&size=200", xiamen).body());
        assertThat(cityList.findValuesAsString("number")).contains(listed);
        assertThat(api.get("/api/v1/stations/export?district=350200", null).body()).contains(listed);
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        String code = JSON.readTree(api.get("/api/v1/stations/" + listed + "/check-in-code", SIMING_STAFF).body()).path("code").asString();
        assertThat(api.post("/api/v1/stations/" + listed + "/visits", "{\"code\":\"" + code + "\"}",
                cn.unionhub.test.People.WORKER_ZHANG_WEI.token()).statusCode()).isLessThan(300);
        JsonNode visits = JSON.readTree(api.get("/api/v1/stations/visits?district=350200&from=" + today + "&to=" + today, xiamen).body());
        assertThat(visits.path("total").asLong()).isPositive();
    }
}
