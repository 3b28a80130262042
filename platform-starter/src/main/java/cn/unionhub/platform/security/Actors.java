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
