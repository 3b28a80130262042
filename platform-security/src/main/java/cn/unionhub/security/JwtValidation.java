package cn.unionhub.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * One definition of a valid token for every process: RS256 signature by a key of the issuer
 * (unsigned {@code alg: none} tokens and other algorithms are refused), the expected issuer and
 * audience, and a live {@code exp} (required)/{@code nbf} within a small clock skew. A token that passed is
 * remembered for a few minutes ({@link VerifiedTokens}).
 */
public final class JwtValidation {

    public static final String ROLE_PREFIX = "ROLE_";

    private JwtValidation() {
    }

    public static OAuth2TokenValidator<Jwt> validator(JwtSettings settings) {
        return new DelegatingOAuth2TokenValidator<>(
                // JwtTimestampValidator checks exp only when present: a token without one never expires.
                new JwtClaimValidator<Object>("exp", exp -> exp != null),
                new JwtTimestampValidator(settings.clockSkew()),
                new JwtIssuerValidator(settings.issuer()),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(settings.audience())));
    }

    public static JwtDecoder decoder(JwtSettings settings) {
        NimbusJwtDecoder decoder = settings.publicKeyLocation() != null
                ? NimbusJwtDecoder.withPublicKey(publicKey(settings.publicKeyLocation())).signatureAlgorithm(SignatureAlgorithm.RS256).build()
                : NimbusJwtDecoder.withJwkSetUri(settings.effectiveJwkSetUri()).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(validator(settings));
        return VerifiedTokens.caching(decoder, settings.clockSkew(), Clock.systemUTC());
    }

    public static ReactiveJwtDecoder reactiveDecoder(JwtSettings settings) {
        NimbusReactiveJwtDecoder decoder = settings.publicKeyLocation() != null
                ? NimbusReactiveJwtDecoder.withPublicKey(publicKey(settings.publicKeyLocation())).signatureAlgorithm(SignatureAlgorithm.RS256).build()
                : NimbusReactiveJwtDecoder.withJwkSetUri(settings.effectiveJwkSetUri()).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(validator(settings));
        return VerifiedTokens.caching(decoder, settings.clockSkew(), Clock.systemUTC());
    }

    /** {@code ROLE_<name>} for every role name in the roles claim. */
    public static Collection<GrantedAuthority> authorities(Jwt jwt, JwtSettings settings) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (claim(jwt, settings.rolesClaim()) instanceof Collection<?> roles) {
            roles.forEach(role -> authorities.add(new SimpleGrantedAuthority(ROLE_PREFIX + role)));
        }
        return authorities;
    }

    /** A claim by dotted path ({@code realm_access.roles}), or {@code null}. */
    public static Object claim(Jwt jwt, String path) {
        Object current = jwt.getClaims();
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    public static String stringClaim(Jwt jwt, String path) {
        Object value = claim(jwt, path);
        return value == null ? null : value.toString();
    }

    private static RSAPublicKey publicKey(String location) {
        try (InputStream in = new DefaultResourceLoader().getResource(location).getInputStream()) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read public key " + location, e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("Not an RSA public key in PEM form: " + location, e);
        }
    }
}
