package cn.unionhub.platform.security;

import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import cn.unionhub.security.JwtSettings;
import cn.unionhub.security.JwtValidation;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Turns the authenticated token into the {@link Actor} that domain code works with. */
public final class Actors {

    private final JwtSettings settings;

    public Actors(JwtSettings settings) {
        this.settings = settings;
    }

    public Actor current() {
        return from(SecurityContextHolder.getContext().getAuthentication());
    }

    /**
     * The caller's mobile number as their sign-in verified it (OIDC {@code phone_number} with {@code phone_number_verified}
     * true: the mini-program's number from WeChat, or an SMS code at sign-in); empty otherwise. Proof that the caller
     * holds that phone, which a register's identity number and name — often known to others — are not.
     */
    public java.util.Optional<String> verifiedPhone() {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)
                || !Boolean.TRUE.equals(token.getToken().getClaim("phone_number_verified"))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(JwtValidation.stringClaim(token.getToken(), "phone_number"));
    }

    /** A whole-number claim of the caller's token (e.g. {@code till_generation}); empty without a token or the claim. */
    public java.util.Optional<Long> numberClaim(String name) {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)
                || !(token.getToken().getClaims().get(name) instanceof Number value)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(value.longValue());
    }

    public Actor from(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            return Actor.anonymous();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : token.getAuthorities()) {
            String name = authority.getAuthority();
            if (name.startsWith(JwtValidation.ROLE_PREFIX)) {
                try {
                    roles.add(Role.valueOf(name.substring(JwtValidation.ROLE_PREFIX.length())));
                } catch (IllegalArgumentException unknownRole) {
                    // roles of other applications in a shared identity provider are none of ours
                }
            }
        }
        return new Actor(token.getToken().getSubject(), roles,
                JwtValidation.stringClaim(token.getToken(), settings.enterpriseClaim()),
                JwtValidation.stringClaim(token.getToken(), settings.districtClaim()),
                JwtValidation.stringClaim(token.getToken(), settings.organisationClaim()));
    }
}
