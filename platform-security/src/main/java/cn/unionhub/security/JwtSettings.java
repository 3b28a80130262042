package cn.unionhub.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which tokens a process accepts ({@code unionhub.security.jwt.*}). The defaults fit the identity
 * server of the local run; an external OIDC issuer such as Keycloak needs only other values here,
 * e.g. {@code roles-claim: realm_access.roles}.
 *
 * @param issuer            expected {@code iss}, also the base of the default JWK set URI
 * @param jwkSetUri         where the signing keys are published (default {@code <issuer>/oauth2/jwks})
 * @param publicKeyLocation a PEM public key instead of a JWK set (tests, air-gapped installations)
 * @param audience          the {@code aud} every token must name
 * @param clockSkew         tolerance on {@code exp} and {@code nbf}
 * @param rolesClaim        claim (dotted path) holding role names, e.g. {@code WORKER}
 * @param enterpriseClaim   claim holding the unified social credit code of the caller's enterprise
 * @param districtClaim     claim holding the code of the caller's district
 * @param organisationClaim claim holding the organisation a staff account works for
 */
@ConfigurationProperties("unionhub.security.jwt")
public record JwtSettings(
        @DefaultValue("http://localhost:9000") String issuer,
        String jwkSetUri,
        String publicKeyLocation,
        @DefaultValue("unionhub") String audience,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("roles") String rolesClaim,
        @DefaultValue("enterprise") String enterpriseClaim,
        @DefaultValue("district") String districtClaim,
        @DefaultValue("organisation") String organisationClaim) {

    public String effectiveJwkSetUri() {
        if (jwkSetUri != null && !jwkSetUri.isBlank()) {
            return jwkSetUri;
        }
        return (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer) + "/oauth2/jwks";
    }
}
