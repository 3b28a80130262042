package cn.unionhub.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;

/**
 * The one place where a service states who may call which endpoint. Each service declares a bean:
 *
 * <pre>{@code
 * @Bean
 * AccessRules accessRules() {
 *     return AccessRules.define()
 *             .publicly(GET, "/api/v1/feedback/categories")
 *             .allow(POST, "/api/v1/feedback", Role.WORKER);
 * }
 * }</pre>
 *
 * Anything not listed is refused (401 without a token, 403 with one), so a new endpoint is closed
 * until someone decides who may use it; {@code AccessMatrix} tests walk every rule with every role.
 * Roles say who may call an endpoint at all; which objects a caller may see (their enterprise,
 * district or own items) is decided in the service, and a foreign object answers 404.
 */
public final class AccessRules {

    /**
     * One endpoint pattern and who may call it.
     *
     * @param method  HTTP method
     * @param pattern Spring path pattern, e.g. {@code /api/v1/cases/{id}}
     * @param roles   roles allowed; empty for a public endpoint
     */
    public record Rule(HttpMethod method, String pattern, Set<Role> roles) {

        public boolean isPublic() {
            return roles.isEmpty();
        }
    }

    private final List<Rule> rules = new ArrayList<>();

    private AccessRules() {
    }

    public static AccessRules define() {
        return new AccessRules();
    }

    /** Open to anyone, without a token: keep these few (code lists, the station map, public notices). */
    public AccessRules publicly(HttpMethod method, String... patterns) {
        for (String pattern : patterns) {
            rules.add(new Rule(method, pattern, Set.of()));
        }
        return this;
    }

    public AccessRules allow(HttpMethod method, String pattern, Role first, Role... more) {
        rules.add(new Rule(method, pattern, Set.copyOf(EnumSet.of(first, more))));
        return this;
    }

    /** The same as {@link #allow(HttpMethod, String, Role, Role...)} for a group of roles named once. */
    public AccessRules allow(HttpMethod method, String pattern, Set<Role> roles) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("allow() needs at least one role; use publicly() for open endpoints");
        }
        rules.add(new Rule(method, pattern, Set.copyOf(roles)));
        return this;
    }

    public List<Rule> rules() {
        return List.copyOf(rules);
    }
}
