package cn.unionhub.test;

import cn.unionhub.security.AccessRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;

/**
 * Calls every {@code GET} endpoint a person's role may use, with the path variables given, and
 * reports each response that contains any of the secrets (an anonymous worker's name, phone,
 * user id or pseudonym). An enterprise account must come back empty-handed.
 */
public final class AnonymityProbe {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    private AnonymityProbe() {
    }

    public static List<String> leaks(String baseUrl, AccessRules rules, People caller, Map<String, String> pathVariables,
            List<String> secrets) {
        HttpClient http = HttpClient.newHttpClient();
        List<String> leaks = new ArrayList<>();
        for (AccessRules.Rule rule : rules.rules()) {
            if (rule.method() != HttpMethod.GET || !(rule.isPublic() || rule.roles().contains(caller.role()))) {
                continue;
            }
            String path = expand(rule.pattern(), pathVariables);
            String body = get(http, baseUrl + path, caller.token());
            for (String secret : secrets) {
                if (body.contains(secret)) {
                    leaks.add("GET " + path + " as " + caller + " reveals \"" + secret + "\"");
                }
            }
        }
        return leaks;
    }

    /** Paths the probe called, for asserting that it really exercised the endpoints. */
    public static List<String> calledPaths(AccessRules rules, People caller, Map<String, String> pathVariables) {
        return rules.rules().stream()
                .filter(rule -> rule.method() == HttpMethod.GET && (rule.isPublic() || rule.roles().contains(caller.role())))
                .map(rule -> expand(rule.pattern(), pathVariables)).toList();
    }

    private static String expand(String pattern, Map<String, String> variables) {
        Matcher matcher = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(path, Matcher.quoteReplacement(variables.getOrDefault(matcher.group(1), "sample-0001")));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    private static String get(HttpClient http, String url, String token) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
