package cn.unionhub.membercard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.platform.identity.ChineseIdentifiers;
import cn.unionhub.security.Role;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.People;
import cn.unionhub.test.TestTokens;
import java.net.http.HttpResponse;
import java.util.Random;
import tools.jackson.databind.json.JsonMapper;

/** Fresh, valid register data for API tests, and a member made the way a union makes one. */
public final class RegisterData {

    private static final String CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final Random RANDOM = new Random();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RegisterData() {
    }

    /** A unified social credit code of the district with a valid check character, new each call. */
    public static String freshUscc(String district) {
        StringBuilder body = new StringBuilder("91" + district + "MA");
        for (int i = 0; i < 7; i++) {
            body.append(CHARS.charAt(RANDOM.nextInt(CHARS.length())));
        }
        return body.toString() + ChineseIdentifiers.usccCheckCharacter(body.toString());
    }

    /** A resident identity number (born in 镇海) with a valid check character, new each call. */
    public static String freshResidentId() {
        String body = String.format("330211%04d%02d%02d%03d", 1970 + RANDOM.nextInt(30), 1 + RANDOM.nextInt(12),
                1 + RANDOM.nextInt(28), RANDOM.nextInt(1000));
        return body + ChineseIdentifiers.residentIdCheckCharacter(body);
    }

    /** A mainland mobile number, new each call. */
    public static String freshMobile() {
        return String.format("137%08d", RANDOM.nextInt(100_000_000));
    }

    /** A member enrolled in a new enterprise's union of the district, with the worker's account linked. */
    public record LinkedMember(String memberId, String workerToken, String enterprise, String idNumber) {
    }

    public static LinkedMember linkedMember(ApiClient api, String district, String name) {
        String uscc = freshUscc(district);
        check(api.post("/api/v1/registry/enterprises", "{\"uscc\":\"" + uscc + "\",\"name\":\"" + name + "所在企业\",\"district\":\""
                + district + "\",\"industry\":\"N\"}", People.ADMIN.token()), 201);
        String staff = TestTokens.token().subject("staff-" + district).roles(Role.DISTRICT_UNION).district(district).build();
        String unionId = JSON.readTree(check(api.post("/api/v1/registry/unions", "{\"kind\":\"GRASSROOTS_UNION\",\"name\":\"" + name
                + "所在企业工会\",\"enterprise\":\"" + uscc + "\",\"chairName\":\"王主席\",\"chairMobile\":\"13912345678\"}", staff), 201)
                .body()).path("id").asString();
        String id = freshResidentId();
        String mobile = freshMobile();
        String memberId = JSON.readTree(check(api.post("/api/v1/members", "{\"union\":\"" + unionId + "\",\"name\":\"" + name
                + "\",\"idNumber\":\"" + id + "\",\"mobile\":\"" + mobile + "\"}", staff), 201).body()).path("memberId").asString();
        String worker = TestTokens.token().subject("worker-" + memberId.toLowerCase()).roles(Role.WORKER).phone(mobile).build();
        check(api.post("/api/v1/members/me/link", "{\"idNumber\":\"" + id + "\",\"name\":\"" + name + "\"}", worker), 200);
        return new LinkedMember(memberId, worker, uscc, id);
    }

    private static HttpResponse<String> check(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }
}
