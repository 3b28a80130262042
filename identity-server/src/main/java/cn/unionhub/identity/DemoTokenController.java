package cn.unionhub.identity;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * For the local run and tests only: a token for a demo account without the browser sign-in,
 * carrying exactly the claims the sign-in would give. Exists only with
 * {@code unionhub.identity.demo-tokens=true}, and the application refuses to start if that is
 * set together with the docker or k8s profile.
 */
@RestController
@RequestMapping("/demo")
@ConditionalOnProperty(name = "unionhub.identity.demo-tokens", havingValue = "true")
class DemoTokenController {

    record TokenRequest(String account) {
    }

    record AccountView(String username, String name, List<String> roles, String enterprise, String district,
            String organisation) {
    }

    private final IdentityProperties properties;
    private final JwtEncoder encoder;
    private final String issuer;

    DemoTokenController(IdentityProperties properties, JwtEncoder encoder, Environment environment,
            @Value("${spring.security.oauth2.authorizationserver.issuer:}") String issuer) {
        if (environment.acceptsProfiles(Profiles.of("docker", "k8s"))) {
            throw new IllegalStateException("unionhub.identity.demo-tokens must not be enabled in the "
                    + Arrays.toString(environment.getActiveProfiles()) + " profile");
        }
        this.properties = properties;
        this.encoder = encoder;
        this.issuer = issuer;
    }

    @GetMapping("/accounts")
    List<AccountView> accounts() {
        return properties.accounts().stream()
                .map(a -> new AccountView(a.username(), a.name(), a.roles(), a.enterprise(), a.district(),
                        a.organisation())).toList();
    }

    @PostMapping("/tokens")
    Map<String, Object> token(@RequestBody TokenRequest request) {
        IdentityProperties.Account account = properties.account(request.account())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No demo account " + request.account()));
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .id(UUID.randomUUID().toString())
                .issuer(issuer.isBlank() ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString() : issuer)
                .subject(account.username())
                .audience(List.of(properties.audience()))
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plus(properties.accessTokenTtl()));
        TokenClaims.apply(account, claims);
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims.build()))
                .getTokenValue();
        return Map.of("access_token", token, "token_type", "Bearer",
                "expires_in", properties.accessTokenTtl().toSeconds(), "account", account.username());
    }
}
