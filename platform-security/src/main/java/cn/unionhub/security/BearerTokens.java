package cn.unionhub.security;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;

/**
 * The bearer token of an {@code Authorization} header, read with a loop instead of Spring Security's
 * regular expression, with the same rule and the same errors.
 *
 * <p>Why: Spring Security's resolvers (servlet and reactive) match the whole header against
 * {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$} with {@code CASE_INSENSITIVE}; every character of a
 * token (most of a kilobyte) then runs through a nest of case-folding range predicates. In JFR of
 * feedback-service at 100 complaints/s that was about 4 % of the service's CPU
 * (docs/benchmarks.md, "Pipeline throughput", session 27). {@code BearerTokensTest} holds the loop
 * to the pattern's judgement.
 *
 * <p>The rule (RFC 6750 §2.1 {@code b64token}): the scheme {@code Bearer} in any case, one space, then
 * one or more of {@code A-Z a-z 0-9 - . _ ~ + /}, then any number of {@code =}. A header that does not
 * start with {@code bearer} (any case) carries no bearer token: {@code null}, so another scheme or no
 * header at all is an anonymous request. One that starts so but breaks the rule is a malformed token.
 */
public final class BearerTokens {

    private static final String SCHEME = "Bearer ";

    private BearerTokens() {
    }

    /**
     * The token, or {@code null} when the header is absent or names another scheme.
     *
     * @throws OAuth2AuthenticationException {@code invalid_token}, "Bearer token is malformed", as Spring
     *         Security's resolvers throw it, when the header starts with {@code bearer} but breaks the rule
     */
    public static String fromAuthorizationHeader(String header) {
        if (header == null || !header.regionMatches(true, 0, "bearer", 0, 6)) {
            return null;
        }
        int length = header.length();
        if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw malformed();
        }
        int i = SCHEME.length();
        while (i < length && isTokenCharacter(header.charAt(i))) {
            i++;
        }
        if (i == SCHEME.length()) {
            throw malformed();
        }
        while (i < length && header.charAt(i) == '=') {
            i++;
        }
        if (i != length) {
            throw malformed();
        }
        return header.substring(SCHEME.length(), length);
    }

    private static boolean isTokenCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }

    private static OAuth2AuthenticationException malformed() {
        return new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
    }
}
