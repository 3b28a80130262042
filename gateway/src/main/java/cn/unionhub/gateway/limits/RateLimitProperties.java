package cn.unionhub.gateway.limits;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code unionhub.gateway.limits.*}: request limits of the gateway. Buckets live in each gateway
 * instance, so with N replicas a caller may get up to N times these numbers.
 *
 * @param enabled        rate limiting on (the body size limit always applies); off only for load tests
 * @param maxRequestSize largest request body accepted (413 above it)
 * @param uploads        paths that take files (register imports, enrolment lists) and the larger body each accepts
 * @param perUser        default limit per signed-in user (token {@code sub})
 * @param perAddress     default limit per client address for callers without a token
 * @param rules          stricter limits for particular endpoints, first match wins
 */
@ConfigurationProperties("unionhub.gateway.limits")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1MB") DataSize maxRequestSize,
        @DefaultValue List<Upload> uploads,
        Limit perUser,
        Limit perAddress,
        @DefaultValue List<Rule> rules) {

    /**
     * @param path    path pattern, e.g. {@code /api/v1/registry/imports/**}
     * @param maxSize largest body accepted there
     */
    public record Upload(String path, DataSize maxSize) {
    }

    /**
     * @param capacity    requests allowed in a burst
     * @param refillEvery one more request allowed after each such interval
     */
    public record Limit(int capacity, Duration refillEvery) {
    }

    /**
     * @param name          shows in logs and metrics
     * @param method        HTTP method, or empty for any
     * @param path          path pattern, e.g. {@code /api/v1/feedback/**}
     * @param anonymousOnly apply only to callers without a token (keyed by address)
     * @param limit         the limit
     */
    public record Rule(String name, String method, String path, @DefaultValue("false") boolean anonymousOnly, Limit limit) {
    }
}
