package cn.unionhub.test;

import cn.unionhub.security.AccessRules;
import cn.unionhub.security.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Walks a service's {@link AccessRules}: every rule × every role and an anonymous caller, against
 * the running service over HTTP with real tokens. Public endpoints must let everyone through,
 * others must answer 401 without a token, 403 to a role not listed, and neither to a listed one.
 * It also finds endpoints that no rule mentions (which the service would refuse to everyone).
 */
public final class AccessMatrix {

    private static final String SAMPLE = "sample-0001";
    private static final Set<String> INFRASTRUCTURE = Set.of("/error", "/v3/api-docs", "/swagger-ui", "/actuator");

    private AccessMatrix() {
    }

    /** Every (rule, caller) pair whose answer breaks the rule, described for the failure message. */
    public static List<String> violations(String baseUrl, AccessRules rules) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> violations = new ArrayList<>();
        for (AccessRules.Rule rule : rules.rules()) {
            String path = rule.pattern().replaceAll("\\{[^}]+}", SAMPLE).replace("/**", "/" + SAMPLE);
            int anonymous = send(http, rule.method(), baseUrl + path, null);
            if (rule.isPublic() ? refused(anonymous) : anonymous != 401) {
                violations.add(describe(rule, "anonymous", anonymous));
            }
            for (Role role : Role.values()) {
                int status = send(http, rule.method(), baseUrl + path, People.withRole(role).token());
                boolean allowed = rule.isPublic() || rule.roles().contains(role);
                if (allowed ? refused(status) : status != 403) {
                    violations.add(describe(rule, role.name(), status));
                }
            }
        }
        return violations;
    }

    /** Endpoints the service maps that no rule covers. */
    public static List<String> uncoveredEndpoints(RequestMappingHandlerMapping mapping, AccessRules rules) {
        List<String> uncovered = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, ?> entry : mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (INFRASTRUCTURE.stream().anyMatch(pattern::startsWith)) {
                    continue;
                }
                String sample = pattern.replaceAll("\\{[^}]+}", SAMPLE);
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    boolean covered = rules.rules().stream().anyMatch(rule -> rule.method().name().equals(method.name())
                            && parse(rule.pattern()).matches(PathContainer.parsePath(sample)));
                    if (!covered) {
                        uncovered.add(method + " " + pattern);
                    }
                }
            }
        }
        return uncovered;
    }

    private static PathPattern parse(String pattern) {
        return PathPatternParser.defaultInstance.parse(pattern);
    }

    private static boolean refused(int status) {
        return status == 401 || status == 403;
    }

    private static String describe(AccessRules.Rule rule, String who, int status) {
        String expected = rule.isPublic() ? "allowed" : who.equals("anonymous") ? "401"
                : rule.roles().stream().anyMatch(r -> r.name().equals(who)) ? "allowed" : "403";
        return rule.method() + " " + rule.pattern() + " as " + who + ": expected " + expected + ", got " + status;
    }

    private static int send(HttpClient http, HttpMethod method, String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method.name(), method == HttpMethod.GET || method == HttpMethod.DELETE
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            // Only the status counts: taken once the headers arrive, the body left unread, so an
            // endpoint that streams (server-sent events) answers like any other.
            HttpResponse<java.io.InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
