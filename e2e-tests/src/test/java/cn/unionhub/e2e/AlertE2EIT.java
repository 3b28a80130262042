package cn.unionhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.test.ExternalTools;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The collective wage dispute of issue #6, through the gateway: twelve workers of 宁波富德能源 complain
 * about unpaid wages; a red collective-dispute warning appears in the 镇海区 union's queue and on
 * Kafka, where a non-Java client (kcat) reads it with plain-text CloudEvents headers; the union
 * verifies, disposes, docks and closes it, and the day's report lists it.
 */
@Order(1) // shared platform (see PlatformTest); first: its daily report counts exactly the warnings it raised
class AlertE2EIT extends PlatformTest {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final String FUDE = "91330211MA2H3K5Q1G";
    private static final long OWED_FEN = 860_000;
    private static final String RAISED = "cn.unionhub.alert.raised.v1";
    private static final String LEVEL_CHANGED = "cn.unionhub.alert.level-changed.v1";
    private static final String CLOSED = "cn.unionhub.alert.closed.v1";

    /** One record as kcat printed it: key, headers and the JSON data. */
    record KafkaRecord(String key, Map<String, String> headers, JsonNode data) {
    }

    @BeforeAll
    static void kcatInstalled() throws IOException, InterruptedException {
        ExternalTools.ensure(REPO, "kcat:kcat");
    }

    @Test
    void twelveWorkersComplainingAboutUnpaidWagesRaiseARedCollectiveDisputeWarningReadByKcatClosedAndReported() {
        for (int n = 1; n <= 12; n++) {
            String worker = platform.demoToken(String.format("worker-%02d", n));
            HttpResponse<String> submitted = post("/api/v1/feedback/submissions", worker, """
                    {"type":"COMPLAINT","category":"WAGES_ARREARS","channel":"MINI_PROGRAM","enterprise":"%s",
                     "anonymous":false,"workerGroup":"MIGRANT_WORKER","text":"公司已经两个月没发工资了，车间三十来个人都一样。",
                     "details":{"amountOwedFen":%d,"workersAffected":30}}""".formatted(FUDE, OWED_FEN));
            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        }

        // The 镇海区 union sees the red warning in its queue, with every complaint counted.
        String staff = platform.demoToken("staff-chen-jing");
        String warningId = await().atMost(Duration.ofSeconds(90)).until(() -> redWarningOf(staff), id -> id != null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode warning = JSON.readTree(get("/api/v1/alerts/warnings/" + warningId, staff).body());
            assertThat(warning.path("level").asString()).isEqualTo("RED");
            assertThat(warning.path("collectiveDispute").asBoolean()).isTrue();
            assertThat(warning.path("workersReporting").asInt()).isEqualTo(12);
            assertThat(warning.path("amountAtStakeFen").asLong()).isEqualTo(12 * OWED_FEN);
            assertThat(warning.path("signals").findValuesAsString("kind")).hasSize(12).containsOnly("WAGE_ARREARS_COMPLAINT");
            assertThat(warning.path("pushedTo").toString()).contains("镇海区总工会", "镇海区人力资源和社会保障局劳动保障监察大队");
        });

        // A non-Java consumer reads the event that made it red, headers as plain text and the data as JSON.
        KafkaRecord red = await().atMost(Duration.ofSeconds(60)).until(() -> consumeAlertEvents().stream()
                .filter(r -> warningId.equals(r.headers().get("ce_subject")))
                .filter(r -> RAISED.equals(r.headers().get("ce_type")) || LEVEL_CHANGED.equals(r.headers().get("ce_type")))
                .filter(r -> "RED".equals(r.data().path("level").asString()))
                .findFirst().orElse(null), r -> r != null);
        assertThat(red.key()).isEqualTo(FUDE);
        assertThat(red.headers()).containsEntry("ce_specversion", "1.0").containsEntry("ce_source", "/unionhub/alert-service");
        assertThat(UUID.fromString(red.headers().get("ce_id"))).isNotNull();
        assertThat(OffsetDateTime.parse(red.headers().get("ce_time"))).isAfter(OffsetDateTime.now().minusHours(1));
        assertThat(red.data().path("warningId").asString()).isEqualTo(warningId);
        assertThat(red.data().path("enterprise").asString()).isEqualTo(FUDE);
        assertThat(red.data().path("collectiveDispute").asBoolean()).isTrue();
        assertThat(red.data().path("kindContributions").path("WAGE_ARREARS_COMPLAINT").asDouble()).isGreaterThan(90);

        // The closed loop, worked by the district union through the gateway.
        step(warningId, "verification", staff, "{\"verdict\":\"CONFIRMED\",\"reason\":\"走访核实：企业拖欠 30 名职工两个月工资\"}", "CONFIRMED");
        step(warningId, "disposal", staff, "{\"notes\":\"人社局、区总工会联合约谈企业，责令五日内支付\"}", "DISPOSED");
        step(warningId, "docking", staff, "{\"notes\":\"法律援助律师进驻，职工申请劳动争议调解\"}", "DOCKED");
        step(warningId, "closure", staff, "{\"notes\":\"企业开设农民工工资专户，纳入月度巡查\"}", "CLOSED");
        await().atMost(Duration.ofSeconds(60)).until(() -> consumeAlertEvents().stream()
                .anyMatch(r -> CLOSED.equals(r.headers().get("ce_type")) && warningId.equals(r.headers().get("ce_subject"))
                        && "CONFIRMED".equals(r.data().path("verdict").asString())));

        // The day's report (Beijing date) lists it: raised and closed today, a collective dispute.
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        HttpResponse<String> daily = get("/api/v1/alerts/reports/daily/" + today, staff);
        assertThat(daily.statusCode()).as(daily.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(daily.body());
        assertThat(report.path("raised").asInt()).isEqualTo(1);
        assertThat(report.path("closed").asInt()).isEqualTo(1);
        assertThat(report.path("collectiveDisputes").asInt()).isEqualTo(1);
        assertThat(report.path("amountAtStakeFen").asLong()).isEqualTo(12 * OWED_FEN);
        JsonNode top = report.path("topEnterprises").get(0);
        assertThat(top.path("warningId").asString()).isEqualTo(warningId);
        assertThat(top.path("level").asString()).isEqualTo("RED");
        assertThat(top.path("status").asString()).isEqualTo("CLOSED");
        assertThat(top.path("collectiveDispute").asBoolean()).isTrue();
    }

    /** The id of the enterprise's open red collective-dispute warning, or null while there is none. */
    private String redWarningOf(String token) {
        HttpResponse<String> queue = get("/api/v1/alerts/warnings?level=RED", token);
        assertThat(queue.statusCode()).as(queue.body()).isEqualTo(200);
        for (JsonNode warning : JSON.readTree(queue.body())) {
            if (FUDE.equals(warning.path("enterprise").asString()) && warning.path("collectiveDispute").asBoolean()) {
                return warning.path("id").asString();
            }
        }
        return null;
    }

    private void step(String warningId, String step, String token, String body, String status) {
        HttpResponse<String> response = post("/api/v1/alerts/warnings/" + warningId + "/" + step, token, body);
        assertThat(response.statusCode()).as(step + ": " + response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("status").asString()).isEqualTo(status);
    }

    /**
     * Everything on {@code alert.events} so far, read by kcat as JSON envelopes ({@code -J}): headers
     * come as a flat list of name, value, name, value…
     */
    private static List<KafkaRecord> consumeAlertEvents() throws IOException, InterruptedException {
        Process kcat = new ProcessBuilder("kcat", "-b", platform.kafkaBootstrapServers(), "-C", "-t", "alert.events",
                "-o", "beginning", "-e", "-q", "-J").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kcat.waitFor(30, TimeUnit.SECONDS)) {
            kcat.destroyForcibly();
            throw new IllegalStateException("kcat did not finish");
        }
        assertThat(kcat.exitValue()).as(out).isZero();
        List<KafkaRecord> records = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode envelope = JSON.readTree(line);
            Map<String, String> headers = new HashMap<>();
            JsonNode list = envelope.path("headers");
            for (int i = 0; i + 1 < list.size(); i += 2) {
                headers.put(list.get(i).asString(), list.get(i + 1).asString());
            }
            records.add(new KafkaRecord(envelope.path("key").asString(), headers, JSON.readTree(envelope.path("payload").asString())));
        }
        return records;
    }

    private HttpResponse<String> get(String path, String token) {
        return platform.get(platform.gateway(path), "Authorization", "Bearer " + token);
    }

    private HttpResponse<String> post(String path, String token, String body) {
        return platform.send(HttpRequest.newBuilder(URI.create(platform.gateway(path)))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
