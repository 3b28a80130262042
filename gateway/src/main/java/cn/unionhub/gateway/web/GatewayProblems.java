package cn.unionhub.gateway.web;

import java.net.URI;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * RFC 9457 problems answered by the gateway itself, in the caller's language (zh-CN unless
 * {@code Accept-Language} asks for English), with the same type URIs as the services use.
 */
@Component
public class GatewayProblems {

    static final String TYPE_BASE = "https://unionhub.cn/problems/";

    private final MessageSource messages;

    GatewayProblems(MessageSource messages) {
        this.messages = messages;
    }

    public ProblemDetail of(ServerWebExchange exchange, HttpStatusCode status, String code, Object... arguments) {
        Locale locale = localeOf(exchange);
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create(TYPE_BASE + code));
        problem.setTitle(messages.getMessage("problem." + code + ".title", arguments, code, locale));
        problem.setDetail(messages.getMessage("problem." + code + ".detail", arguments, null, locale));
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        String requestId = exchange.getAttribute(RequestIdFilter.ATTRIBUTE);
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }

    private static Locale localeOf(ServerWebExchange exchange) {
        var ranges = exchange.getRequest().getHeaders().getAcceptLanguageAsLocales();
        return !ranges.isEmpty() && ranges.get(0).getLanguage().equals("en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    }
}
