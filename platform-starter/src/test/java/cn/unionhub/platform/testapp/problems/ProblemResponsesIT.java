package cn.unionhub.platform.testapp.problems;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.test.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class ProblemResponsesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;

    @Test
    void invalidBodyListsEveryBadFieldInChineseAndChangesNothing() throws Exception {
        HttpResponse<String> response = post("/api/v1/probe/parcels", "{\"recipient\":\"\",\"weightGrams\":0,\"note\":\"超过十个字的备注内容太长了\",\"phone\":\"12345\"}", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo("https://unionhub.cn/problems/validation");
        assertThat(problem.path("title").asString()).isEqualTo("请求参数有误");
        assertThat(problem.path("detail").asString()).contains("4");
        assertThat(problem.path("errors")).hasSize(4);
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("recipient", "weightGrams", "note", "phone");
        assertThat(problem.path("errors").findValuesAsString("message")).contains("不是有效的手机号码");
        assertThat(problem.path("errors").findValuesAsString("message")).allSatisfy(m -> assertThat(m).containsPattern("\\p{IsHan}"));
        assertThat(problem.path("requestId").asString()).isNotBlank();
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue(problem.path("requestId").asString());
    }

    @Test
    void englishOnRequest() throws Exception {
        HttpResponse<String> response = post("/api/v1/probe/parcels", "{\"recipient\":\"\",\"weightGrams\":5}", "en");

        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("title").asString()).isEqualTo("Invalid request");
        assertThat(problem.path("errors").get(0).path("message").asString()).doesNotContainPattern("\\p{IsHan}");
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedOnceTheLimitIsRead() throws Exception {
        // No Content-Length: a body publisher of unknown length is sent chunked.
        String big = "{\"recipient\":\"" + "会".repeat(400_000) + "\",\"weightGrams\":5}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/probe/parcels"))
                .header("Content-Type", "application/json").version(HttpClient.Version.HTTP_1_1)
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(big))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).path("type").asString()).endsWith("/payload-too-large");
        // Small chunked bodies still go through.
        HttpRequest small = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/probe/parcels"))
                .header("Content-Type", "application/json").version(HttpClient.Version.HTTP_1_1)
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString("{\"recipient\":\"\",\"weightGrams\":5}")))
                .build();
        assertThat(http.send(small, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
    }

    @Test
    void malformedJsonIsAClearProblem() throws Exception {
        HttpResponse<String> response = post("/api/v1/probe/parcels", "{\"recipient\": ", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("type").asString()).isEqualTo("https://unionhub.cn/problems/malformed-body");
    }

    /**
     * A value of the wrong type or format names its field, by the path the client sent, and says what is expected:
     * before, every such body got the bare "malformed-body" problem, and the client could not tell which of its dates
     * was wrong (exploratory test, 2026-12-04).
     */
    @Test
    void aValueOfTheWrongFormatNamesItsFieldAndTheFormatExpected() throws Exception {
        JsonNode noOffset = error(post("/api/v1/probe/parcels",
                "{\"recipient\":\"王\",\"weightGrams\":5,\"pickUpAt\":\"2026-12-10T09:00:00\"}", null));
        assertThat(noOffset.path("field").asString()).isEqualTo("pickUpAt");
        assertThat(noOffset.path("code").asString()).isEqualTo("date-time-format");
        assertThat(noOffset.path("message").asString()).contains("2026-12-10T09:00:00+08:00");

        JsonNode slashes = error(post("/api/v1/probe/parcels",
                "{\"recipient\":\"王\",\"weightGrams\":5,\"stops\":[{\"on\":\"2026-12-10\"},{\"on\":\"2026/12/11\"}]}", "de, en;q=0.5"));
        assertThat(slashes.path("field").asString()).isEqualTo("stops[1].on");
        assertThat(slashes.path("message").asString()).isEqualTo("must be a date as yyyy-MM-dd, e.g. 2026-12-10");

        JsonNode status = error(post("/api/v1/probe/parcels",
                "{\"recipient\":\"王\",\"weightGrams\":5,\"stops\":[{\"status\":\"LOST\"}]}", null));
        assertThat(status.path("field").asString()).isEqualTo("stops[0].status");
        assertThat(status.path("code").asString()).isEqualTo("one-of");
        assertThat(status.path("message").asString()).contains("WAITING, DELIVERED");

        JsonNode weight = error(post("/api/v1/probe/parcels", "{\"recipient\":\"王\",\"weightGrams\":\"heavy\"}", null));
        assertThat(weight.path("field").asString()).isEqualTo("weightGrams");
        assertThat(weight.path("message").asString()).isEqualTo("应为整数");
    }

    private static JsonNode error(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asString()).endsWith("/validation");
        assertThat(problem.path("errors")).hasSize(1);
        return problem.path("errors").get(0);
    }

    @Test
    void domainExceptionsBecomeProblemsWithTheirOwnTypeAndText() throws Exception {
        HttpResponse<String> missing = get("/api/v1/probe/parcels/P-404");
        HttpResponse<String> conflict = post("/api/v1/probe/parcels/P-1/deliver", "", null);

        assertThat(missing.statusCode()).isEqualTo(404);
        JsonNode notFound = JSON.readTree(missing.body());
        assertThat(notFound.path("type").asString()).isEqualTo("https://unionhub.cn/problems/parcel-not-found");
        assertThat(notFound.path("title").asString()).isEqualTo("包裹不存在");
        assertThat(notFound.path("detail").asString()).isEqualTo("未找到编号为 P-404 的包裹。");
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(conflict.body()).path("type").asString()).endsWith("/parcel-already-delivered");
    }

    @Test
    void unexpectedErrorsRevealNothingButTheRequestId() throws Exception {
        HttpResponse<String> response = get("/api/v1/probe/boom");

        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("title").asString()).isEqualTo("服务器内部错误");
        assertThat(problem.path("detail").asString()).contains(problem.path("requestId").asString());
        assertThat(response.body()).doesNotContain("secret").doesNotContain("IllegalStateException").doesNotContain("27017");
    }

    @Test
    void aQueryParameterOfTheWrongTypeOrMissingIsNamedWithWhatItMayBe() throws Exception {
        JsonNode notANumber = JSON.readTree(get("/api/v1/probe/parcels?status=WAITING&page=abc").body());
        assertThat(notANumber.path("status").asInt()).isEqualTo(400);
        assertThat(notANumber.path("errors").get(0).path("field").asString()).isEqualTo("page");
        assertThat(notANumber.path("errors").get(0).path("message").asString()).isEqualTo("格式不正确");

        HttpResponse<String> bogus = get("/api/v1/probe/parcels?status=BOGUS");
        JsonNode error = JSON.readTree(bogus.body()).path("errors").get(0);
        assertThat(bogus.statusCode()).isEqualTo(400);
        assertThat(error.path("field").asString()).isEqualTo("status");
        assertThat(error.path("code").asString()).isEqualTo("one-of");
        assertThat(error.path("message").asString()).isEqualTo("只能是：WAITING, DELIVERED");
        assertThat(bogus.body()).doesNotContain("Exception");

        JsonNode inAList = JSON.readTree(get("/api/v1/probe/parcels/by-statuses?status=WAITING,BOGUS").body()).path("errors").get(0);
        assertThat(inAList.path("field").asString()).isEqualTo("status");
        assertThat(inAList.path("message").asString()).as("a list of statuses names its choices too").isEqualTo("只能是：WAITING, DELIVERED");

        JsonNode missing = JSON.readTree(get("/api/v1/probe/parcels").body()).path("errors").get(0);
        assertThat(missing.path("field").asString()).isEqualTo("status");
        assertThat(missing.path("message").asString()).isEqualTo("必填");
        assertThat(get("/api/v1/probe/parcels?status=DELIVERED&page=2").body()).contains("DELIVERED2");
    }

    @Test
    void wrongMethodIsAProblemToo() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/probe/parcels")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(response.body()).path("title").asString()).isEqualTo("不支持的请求方法");
    }

    private HttpResponse<String> post(String path, String body, String language) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
