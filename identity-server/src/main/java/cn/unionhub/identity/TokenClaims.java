package cn.unionhub.identity;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * The claims UnionHub services read, the same for every way a token is obtained: {@code aud},
 * {@code roles}, and the caller's {@code enterprise} and {@code district} for tenant scoping.
 * A machine client's role comes from its client id: a client registered as
 * {@code merchant-<merchant id>} gets {@code MERCHANT} and the organisation
 * {@code MERCHANT:<merchant id>}, so a till redeems coupons at its own merchant only;
 * {@code transport-<operator>} gets {@code FARE_SYSTEM} (the model workers' fare check) and
 * {@code provider-<provider>} gets {@code PROVIDER_WINDOW} (the 特困职工证 check), neither of which
 * reads the register the way a government system may. {@code GOV_SYSTEM} goes only to the clients
 * listed in {@code unionhub.identity.government-clients}; any other client is refused a token
 * ({@code unauthorized_client}), because a role guessed for an unknown client would have to be
 * the widest one to be useful.
 */
@Component
class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(TokenClaims.class);
    static final String GOV_SYSTEM = "GOV_SYSTEM";
    /** The claim naming the generation of the till secret a token was issued for. */
    static final String TILL_GENERATION = "till_generation";
    /** A machine client with a narrow job: the prefix of its client id, its role, the kind of its organisation. */
    private record NarrowClient(String prefix, String role, String organisationKind) {
    }

    private static final List<NarrowClient> NARROW_CLIENTS = List.of(new NarrowClient("merchant-", "MERCHANT", "MERCHANT:"),
            new NarrowClient("transport-", "FARE_SYSTEM", "TRANSPORT:"), new NarrowClient("provider-", "PROVIDER_WINDOW", "PROVIDER:"));

    private final IdentityProperties properties;
    private final TillClients tills;

    TokenClaims(IdentityProperties properties, TillClients tills) {
        this.properties = properties;
        this.tills = tills;
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
            NarrowClient narrow = NARROW_CLIENTS.stream().filter(n -> client.startsWith(n.prefix())).findFirst().orElse(null);
            if (narrow != null) {
                context.getClaims().claim("roles", List.of(narrow.role()))
                        .claim("organisation", narrow.organisationKind() + client.substring(narrow.prefix().length()));
                // A till its district union issued serves that district; other clients' divisions are configured.
                String district = tills.district(client).orElse(properties.clientDistricts().get(client));
                // Which secret of its union the till signed in with: a service refuses a token of an older one at once
                // (a replaced or revoked secret's tokens had acted for the rest of their 30 minutes).
                tills.generation(client).ifPresent(g -> context.getClaims().claim(TILL_GENERATION, g));
                if (district != null) {
                    context.getClaims().claim("district", district); // the division it serves, and only that
                }
            } else if (properties.governmentClients().contains(client)) {
                context.getClaims().claim("roles", List.of(GOV_SYSTEM));
            } else {
                LOG.warn("Refused a token to client {}: its id names no job (merchant-, transport-, provider-) and it is not "
                        + "listed in unionhub.identity.government-clients", client);
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
                        "This client has no UnionHub role: register it under a job prefix or list it as a government client.", null));
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
        if (account.phone() != null) {
            // OIDC's standard claims: the number the sign-in verified (a worker links their membership with it).
            claims.claim("phone_number", account.phone()).claim("phone_number_verified", true);
        }
    }
}
