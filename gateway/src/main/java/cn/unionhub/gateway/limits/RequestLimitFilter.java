package cn.unionhub.gateway.limits;

import cn.unionhub.gateway.web.ProblemResponses;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Body size and rate limits, applied after the token check so a signed-in user is limited per
 * user and everyone else per client address. Answers 413 or 429 Problems (with {@code Retry-After}).
 */
@Component
class RequestLimitFilter implements WebFilter, Ordered {

    private static final int SWEEP_EVERY = 10_000;

    private final RateLimitProperties properties;
    private final ProblemResponses problems;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Map<RateLimitProperties.Rule, PathPattern> patterns = new ConcurrentHashMap<>();
    private final Map<RateLimitProperties.Upload, PathPattern> uploadPatterns = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    RequestLimitFilter(RateLimitProperties properties, ProblemResponses problems) {
        this.properties = properties;
        this.problems = problems;
        if (!properties.enabled()) {
            org.slf4j.LoggerFactory.getLogger(RequestLimitFilter.class)
                    .warn("Rate limiting is OFF (unionhub.gateway.limits.enabled=false): for load tests only, never in production");
        }
    }

    /** After Spring Security's web filter (order -100), so the principal is known. */
    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (path.startsWith("/actuator/")) {
            return chain.filter(exchange);
        }
        HttpHeaders headers = exchange.getRequest().getHeaders();
        RateLimitProperties.Upload upload = uploadFor(path);
        long maxBody = upload != null ? upload.maxSize().toBytes() : properties.maxRequestSize().toBytes();
        if (headers.getContentLength() > maxBody) {
            return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large");
        }
        if (headers.getContentLength() < 0 && headers.getFirst(HttpHeaders.TRANSFER_ENCODING) != null && upload == null) {
            // A chunked body states no length: read it up to the limit here, so one that is larger is
            // refused with a 413 before a service sees any of it. (Upload paths stream; the services
            // count what they read there.)
            return DataBufferUtils.join(exchange.getRequest().getBody(), (int) Math.min(maxBody, Integer.MAX_VALUE))
                    .defaultIfEmpty(exchange.getResponse().bufferFactory().wrap(new byte[0]))
                    .flatMap(body -> limitRate(exchange.mutate().request(new ReadBody(exchange.getRequest(), body)).build(),
                            chain, path))
                    .onErrorResume(DataBufferLimitException.class,
                            tooLarge -> problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large"));
        }
        return limitRate(exchange, chain, path);
    }

    private Mono<Void> limitRate(ServerWebExchange exchange, WebFilterChain chain, String path) {
        if (!properties.enabled()) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal().map(Principal::getName).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(user -> {
                    long now = System.nanoTime();
                    sweepNowAndThen(now);
                    String caller = user.map(name -> "user:" + name).orElseGet(() -> "address:" + address(exchange));
                    RateLimitProperties.Rule rule = ruleFor(exchange, path, user.isEmpty());
                    RateLimitProperties.Limit limit = rule != null ? rule.limit()
                            : user.isPresent() ? properties.perUser() : properties.perAddress();
                    String key = (rule == null ? "default" : rule.name()) + "|" + caller;
                    long waitNanos = buckets.computeIfAbsent(key, k -> new TokenBucket(limit.capacity(), limit.refillEvery(), now))
                            .tryTake(now);
                    if (waitNanos == 0) {
                        return chain.filter(exchange);
                    }
                    exchange.getResponse().getHeaders().set("Retry-After",
                            String.valueOf(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos) + 1)));
                    return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "too-many-requests");
                });
    }

    private RateLimitProperties.Rule ruleFor(ServerWebExchange exchange, String path, boolean anonymous) {
        for (RateLimitProperties.Rule rule : properties.rules()) {
            boolean methodMatches = rule.method() == null || rule.method().isBlank()
                    || rule.method().equalsIgnoreCase(exchange.getRequest().getMethod().name());
            if (methodMatches && (!rule.anonymousOnly() || anonymous)
                    && patterns.computeIfAbsent(rule, r -> PathPatternParser.defaultInstance.parse(r.path()))
                            .matches(PathContainer.parsePath(path))) {
                return rule;
            }
        }
        return null;
    }

    private static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    /** Forget buckets that refilled completely, now and then, so idle callers cost no memory. */
    private void sweepNowAndThen(long now) {
        if (requests.incrementAndGet() % SWEEP_EVERY == 0) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
    }

    /** Files go only where an upload path allows them; everything else keeps the small limit. */
    private RateLimitProperties.Upload uploadFor(String path) {
        if (properties.uploads().isEmpty()) {
            return null;
        }
        PathContainer parsed = PathContainer.parsePath(path);
        for (RateLimitProperties.Upload upload : properties.uploads()) {
            if (uploadPatterns.computeIfAbsent(upload, u -> PathPatternParser.defaultInstance.parse(u.path())).matches(parsed)) {
                return upload;
            }
        }
        return null;
    }

    /** The request with its body already read: a known length instead of chunks. */
    private static final class ReadBody extends ServerHttpRequestDecorator {

        private final DataBuffer body;
        private final HttpHeaders headers;

        ReadBody(ServerHttpRequest request, DataBuffer body) {
            super(request);
            this.body = body;
            this.headers = new HttpHeaders();
            this.headers.putAll(request.getHeaders());
            this.headers.remove(HttpHeaders.TRANSFER_ENCODING);
            this.headers.setContentLength(body.readableByteCount());
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.just(body);
        }
    }
}
