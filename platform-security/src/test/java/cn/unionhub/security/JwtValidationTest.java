package cn.unionhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** Claims as UnionHub's own issuer writes them, and as an external OIDC issuer (Keycloak) nests them. */
class JwtValidationTest {

    private static JwtSettings settings(String rolesClaim, String enterpriseClaim) {
        return new JwtSettings("https://id.example", null, null, "unionhub", Duration.ofSeconds(30), rolesClaim,
                enterpriseClaim, "district", "organisation");
    }

    private static Jwt jwt(Map<String, Object> claims) {
        return Jwt.withTokenValue("t").header("alg", "RS256").claims(c -> c.putAll(claims))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
    }

    @Test
    void rolesBecomeRoleAuthorities() {
        Jwt token = jwt(Map.of("sub", "u", "roles", List.of("WORKER", "HANDLER")));

        assertThat(JwtValidation.authorities(token, settings("roles", "enterprise")))
                .extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_WORKER", "ROLE_HANDLER");
    }

    @Test
    void keycloakStyleNestedClaimsAreReadByConfigurationAlone() {
        Jwt token = jwt(Map.of("sub", "u", "realm_access", Map.of("roles", List.of("ENTERPRISE_UNION")),
                "org", Map.of("uscc", "91330211MA2H3K5Q1G")));
        JwtSettings keycloak = settings("realm_access.roles", "org.uscc");

        assertThat(JwtValidation.authorities(token, keycloak)).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_ENTERPRISE_UNION");
        assertThat(JwtValidation.stringClaim(token, keycloak.enterpriseClaim())).isEqualTo("91330211MA2H3K5Q1G");
    }

    @Test
    void missingClaimsGiveNoRolesRatherThanErrors() {
        Jwt token = jwt(Map.of("sub", "u"));

        assertThat(JwtValidation.authorities(token, settings("realm_access.roles", "enterprise"))).isEmpty();
        assertThat(JwtValidation.stringClaim(token, "enterprise")).isNull();
    }

    @Test
    void aTokenMustExpire() {
        JwtSettings ours = settings("roles", "enterprise");
        Jwt.Builder valid = Jwt.withTokenValue("t").header("alg", "RS256").issuer("https://id.example")
                .audience(List.of("unionhub")).subject("u").issuedAt(Instant.now());

        assertThat(JwtValidation.validator(ours).validate(valid.expiresAt(Instant.now().plusSeconds(60)).build()).hasErrors())
                .isFalse();
        Jwt forever = Jwt.withTokenValue("t").header("alg", "RS256").issuer("https://id.example")
                .audience(List.of("unionhub")).subject("u").issuedAt(Instant.now()).build();
        assertThat(JwtValidation.validator(ours).validate(forever).hasErrors()).isTrue();
    }

    @Test
    void defaultJwkSetUriHangsOffTheIssuer() {
        assertThat(settings("roles", "enterprise").effectiveJwkSetUri()).isEqualTo("https://id.example/oauth2/jwks");
    }
}
