package cn.unionhub.gateway.security;

import cn.unionhub.security.JwtSettings;
import cn.unionhub.security.JwtValidation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/me}: who the front-end is signed in as — name, roles, enterprise and district —
 * straight from the validated token, so an app can show the right menus without guessing.
 */
@RestController
class MeController {

    private final JwtSettings settings;

    MeController(JwtSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/api/v1/me")
    Map<String, Object> me(JwtAuthenticationToken authentication) {
        var jwt = authentication.getToken();
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("subject", jwt.getSubject());
        me.put("name", jwt.getClaimAsString("name"));
        // Only roles: Spring Security also grants factor authorities such as FACTOR_BEARER.
        me.put("roles", authentication.getAuthorities().stream().map(a -> a.getAuthority())
                .filter(a -> a.startsWith(JwtValidation.ROLE_PREFIX))
                .map(a -> a.substring(JwtValidation.ROLE_PREFIX.length())).sorted().toList());
        me.put("enterprise", JwtValidation.stringClaim(jwt, settings.enterpriseClaim()));
        me.put("district", JwtValidation.stringClaim(jwt, settings.districtClaim()));
        me.put("expiresAt", jwt.getExpiresAt());
        return me;
    }
}
