package cn.unionhub.gateway.web;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors the gateway raises itself (no route, body too large, unexpected failures) leave as
 * zh-CN RFC 9457 problems too, never as a stack trace or an internal host name.
 */
@Component
@Order(-2)
class GatewayErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);
    private static final Map<Integer, String> CODES = Map.of(400, "bad-request", 404, "not-found",
            405, "method-not-allowed", 413, "payload-too-large", 415, "unsupported-media-type",
            429, "too-many-requests", 503, "service-unavailable", 504, "gateway-timeout");

    private final GatewayProblems problems;
    private final JsonMapper json;

    GatewayErrorHandler(GatewayProblems problems, JsonMapper json) {
        this.problems = problems;
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        HttpStatusCode status = error instanceof ResponseStatusException rse ? rse.getStatusCode() : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.is5xxServerError()) {
            log.error("Gateway error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
        }
        String code = CODES.getOrDefault(status.value(), status.is5xxServerError() ? "internal" : "bad-request");
        ProblemDetail problem = problems.of(exchange, status, code, "", "");
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        exchange.getResponse().setStatusCode(status);
        exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer body = exchange.getResponse().bufferFactory().wrap(json.writeValueAsBytes(problem));
        return exchange.getResponse().writeWith(Mono.just(body));
    }
}
