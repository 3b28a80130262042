package cn.unionhub.gateway.web;

import cn.unionhub.gateway.routing.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where a route's circuit breaker sends a request the service cannot answer (down, no instance,
 * timed out, circuit open): an immediate 503 Problem naming the service, with {@code Retry-After}.
 */
@RestController
class FallbackController {

    private static final Logger log = LoggerFactory.getLogger(FallbackController.class);
    static final String RETRY_AFTER_SECONDS = "10";

    private final GatewayProblems problems;
    private final GatewayProperties properties;

    FallbackController(GatewayProblems problems, GatewayProperties properties) {
        this.problems = problems;
        this.properties = properties;
    }

    @RequestMapping("/fallback")
    ResponseEntity<ProblemDetail> serviceUnavailable(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        // The service behind the route (lb://member-card-service), not the route's id: several routes with
        // their own timeouts (station-imports, welfare-batches) lead to one service.
        String service = route == null ? "unknown"
                : "lb".equals(route.getUri().getScheme()) && route.getUri().getHost() != null ? route.getUri().getHost() : route.getId();
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        log.warn("Fallback for {} {}: {}", service, exchange.getRequest().getPath(),
                cause == null ? "circuit open" : cause.toString());
        ProblemDetail problem = problems.of(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                properties.displayName(service), service);
        problem.setProperty("service", service);
        java.util.Set<java.net.URI> original = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
        if (original != null && !original.isEmpty()) {
            problem.setInstance(java.net.URI.create(original.iterator().next().getPath()));
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .body(problem);
    }
}
