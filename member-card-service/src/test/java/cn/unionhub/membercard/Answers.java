package cn.unionhub.membercard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the API tests expect of an answer: its status, and its body read as JSON or as a problem. */
public final class Answers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Answers() {
    }

    public static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    public static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    /** A problem of this status whose type ends in the code. */
    public static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).path("type").asString()).isEqualTo("https://unionhub.cn/problems/" + code);
    }
}
