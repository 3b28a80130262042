package cn.unionhub.platform.security;

import cn.unionhub.security.AccessRules;
import cn.unionhub.security.JwtValidation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A service's {@link AccessRules} as one decision: the first rule of the request's method whose
 * pattern matches decides (public, or one of its roles), and a request no rule matches is refused —
 * what one {@code requestMatchers(method, pattern)} per rule decided, in the same order.
 *
 * <p>Why not those matchers: the security chain runs before the dispatcher has parsed the request's
 * path, so each of them checked the method through the request's wrappers and then parsed the path
 * again (and dropped it), rule after rule. member-card-service has about eighty rules and its till
 * endpoints come last: some forty path parses per redemption request. Here the method picks its
 * rules with one map lookup and the path is parsed once.
 */
public final class AccessRuleAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

    private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);
    private static final AuthorizationDecision DENIED = new AuthorizationDecision(false);

    /** A rule ready to match: its pattern parsed, its roles as authorities (none: public). */
    private record Compiled(PathPattern pattern, Set<String> authorities) {
    }

    private final Map<String, List<Compiled>> byMethod = new HashMap<>();

    /**
     * The request attribute a refusal sets when no rule names the path at all ({@code NOT_FOUND}) or names it for other
     * methods only (the methods it does take, e.g. {@code GET, POST}): {@link ProblemSecurityResponses} answers 404 or 405
     * instead of 403 — an officer was told "your account may not do this" of what simply does not exist (exploratory
     * test, 2026-12-05). The refusal stands: nothing unlisted reaches a controller.
     */
    public static final String NO_ROUTE = AccessRuleAuthorization.class.getName() + ".noRoute";
    public static final String NOT_FOUND = "NOT_FOUND";

    public AccessRuleAuthorization(AccessRules rules) {
        PathPatternParser parser = PathPatternParser.defaultInstance;
        for (AccessRules.Rule rule : rules.rules()) {
            Set<String> authorities = rule.roles().stream().map(r -> JwtValidation.ROLE_PREFIX + r.name())
                    .collect(Collectors.toUnmodifiableSet());
            byMethod.computeIfAbsent(rule.method().name(), m -> new ArrayList<>())
                    .add(new Compiled(parser.parse(rule.pattern()), authorities));
        }
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        HttpServletRequest request = context.getRequest();
        // HEAD is GET without the body (Spring MVC answers it for every GET mapping): the same rules decide.
        String method = "HEAD".equals(request.getMethod()) ? "GET" : request.getMethod();
        List<Compiled> candidates = byMethod.getOrDefault(method, List.of());
        PathContainer path = pathOf(request);
        for (Compiled rule : candidates) {
            if (rule.pattern().matches(path)) {
                return rule.authorities().isEmpty() || holdsAny(authentication.get(), rule.authorities()) ? GRANTED : DENIED;
            }
        }
        // Refused either way; which answer says why (read only on this rare path).
        java.util.TreeSet<String> others = new java.util.TreeSet<>();
        byMethod.forEach((taking, rules) -> {
            if (rules.stream().anyMatch(r -> r.pattern().matches(path))) {
                others.add(taking);
            }
        });
        request.setAttribute(NO_ROUTE, others.isEmpty() ? NOT_FOUND : String.join(", ", others));
        return DENIED;
    }

    private static PathContainer pathOf(HttpServletRequest request) {
        if (ServletRequestPathUtils.hasParsedRequestPath(request)) {
            return ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication();
        }
        // Parsed for this decision only: the dispatcher parses (and caches) it itself later, as it would have.
        PathContainer path = ServletRequestPathUtils.parseAndCache(request).pathWithinApplication();
        ServletRequestPathUtils.clearParsedRequestPath(request);
        return path;
    }

    private static boolean holdsAny(Authentication authentication, Set<String> authorities) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return false;
        }
        for (GrantedAuthority held : authentication.getAuthorities()) {
            if (authorities.contains(held.getAuthority())) {
                return true;
            }
        }
        return false;
    }
}
