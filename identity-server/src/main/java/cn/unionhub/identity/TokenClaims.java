package cn.unionhub.identity;

import java.util.List;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * The claims UnionHub services read, the same for every way a token is obtained: {@code aud},
 * {@code roles}, and the caller's {@code enterprise} and {@code district} for tenant scoping.
 * Machine clients are {@code GOV_SYSTEM}, except merchants' tills: a client registered as
 * {@code merchant-<merchant id>} gets {@code MERCHANT} and the organisation {@code MERCHANT:<merchant id>},
 * so a till redeems coupons at its own merchant only.
 */
@Component
class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String GOV_SYSTEM = "GOV_SYSTEM";
    static final String MERCHANT_CLIENT_PREFIX = "merchant-";

    private final IdentityProperties properties;

    TokenClaims(IdentityProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType()) && !idToken) {
            return;
        }
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            String client = context.getRegisteredClient().getClientId();
            context.getClaims().audience(List.of(properties.audience()));
            if (client.startsWith(MERCHANT_CLIENT_PREFIX)) {
                context.getClaims().claim("roles", List.of("MERCHANT"))
                        .claim("organisation", "MERCHANT:" + client.substring(MERCHANT_CLIENT_PREFIX.length()));
            } else {
                context.getClaims().claim("roles", List.of(GOV_SYSTEM));
            }
            return;
        }
        properties.account(context.getPrincipal().getName()).ifPresent(account -> {
            if (!idToken) {
                context.getClaims().audience(List.of(properties.audience()));
            }
            apply(account, context.getClaims());
        });
    }

    static void apply(IdentityProperties.Account account, JwtClaimsSet.Builder claims) {
        claims.claim("roles", account.roles()).claim("name", account.name());
        if (account.enterprise() != null) {
            claims.claim("enterprise", account.enterprise());
        }
        if (account.district() != null) {
            claims.claim("district", account.district());
        }
        if (account.organisation() != null) {
            claims.claim("organisation", account.organisation());
        }
    }
}
