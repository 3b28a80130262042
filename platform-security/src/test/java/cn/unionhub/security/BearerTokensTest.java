package cn.unionhub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

class BearerTokensTest {

    /** Spring Security's rule (DefaultBearerTokenResolver, ServerBearerTokenAuthenticationConverter), which the loop replaces. */
    private static final Pattern SPRING = Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$", Pattern.CASE_INSENSITIVE);

    /** What Spring Security's resolvers answer for a header: the token, null, or "malformed". */
    private static String spring(String header) {
        if (header == null || !header.regionMatches(true, 0, "bearer", 0, 6)) {
            return null;
        }
        Matcher matcher = SPRING.matcher(header);
        return matcher.matches() ? matcher.group("token") : "malformed";
    }

    private static String loop(String header) {
        try {
            return BearerTokens.fromAuthorizationHeader(header);
        } catch (OAuth2AuthenticationException e) {
            assertThat(e.getError().getErrorCode()).isEqualTo("invalid_token");
            assertThat(e.getError().getDescription()).isEqualTo("Bearer token is malformed");
            return "malformed";
        }
    }

    @Test
    void aWellFormedHeaderGivesItsTokenAndAnotherSchemeNone() {
        assertThat(BearerTokens.fromAuthorizationHeader("Bearer eyJhbGciOi.J9-_~+/x==")).isEqualTo("eyJhbGciOi.J9-_~+/x==");
        assertThat(BearerTokens.fromAuthorizationHeader("bEARER abc")).isEqualTo("abc");
        assertThat(BearerTokens.fromAuthorizationHeader(null)).isNull();
        assertThat(BearerTokens.fromAuthorizationHeader("Basic dXNlcjpwYXNz")).isNull();
        assertThat(BearerTokens.fromAuthorizationHeader("Bear abc")).isNull();
        for (String malformed : List.of("Bearer", "Bearer ", "Bearer  abc", "Bearer abc def", "Bearer ==", "Bearer a=b",
                "Bearer abc\n", "Bearer\tabc", "Bearerabc", "Bearer ab,c", "Bearer 工会")) {
            assertThatThrownBy(() -> BearerTokens.fromAuthorizationHeader(malformed)).as(malformed)
                    .isInstanceOf(OAuth2AuthenticationException.class);
        }
    }

    @Test
    void everyCharacterOfTheBasicPlaneInEveryPlaceIsJudgedAsSpringJudgesIt() {
        for (int c = 0; c <= 0xFFFF; c++) {
            char x = (char) c;
            for (String header : List.of("Bearer " + x, "Bearer ab" + x + "cd", "Bearer ab=" + x, "Bearer ab" + x,
                    x + "earer ab", "Be" + x + "rer ab", "Bearer" + x + "ab", "bearer" + x, "Bearer ab==" + x)) {
                assertThat(loop(header)).as("header %s (U+%04X)", header, c).isEqualTo(spring(header));
            }
        }
    }

    @Test
    void randomHeadersAreJudgedAsSpringJudgesThem() {
        String alphabet = "aZ09-._~+/= \t,;\"'\\\n\u00e9\u017f\u212a\u0130Bb";
        String[] prefixes = {"Bearer ", "bearer ", "BEARER ", "Bearer", "bearer  ", "Basic ", ""};
        Random random = new Random(27);
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            StringBuilder s = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
            for (int n = random.nextInt(12); n > 0; n--) {
                s.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x3000) : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            headers.add(s.toString());
        }
        for (String header : headers) {
            assertThat(loop(header)).as("header %s", header).isEqualTo(spring(header));
        }
    }
}
