package cn.unionhub.platform.security;

import cn.unionhub.platform.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 as RFC 9457 problems in the caller's language, keeping the standard
 * {@code WWW-Authenticate: Bearer …} header. Why a token was refused is logged, not told.
 */
public class ProblemSecurityResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final Problems problems;
    private final LocaleResolver locales;
    private final JsonMapper json;
    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

    public ProblemSecurityResponses(Problems problems, LocaleResolver locales, JsonMapper json) {
        this.problems = problems;
        this.locales = locales;
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        // Signed out, anything not open is 401 whether or not it exists: sign in first (what exists shows only to callers).
        bearer.commence(request, response, exception);
        String code = exception instanceof OAuth2AuthenticationException ? "invalid-token" : "unauthorized";
        write(request, response, problems.of(locales.resolveLocale(request), HttpStatus.UNAUTHORIZED, code));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        if (noRoute(request, response)) {
            return;
        }
        response.setStatus(HttpStatus.FORBIDDEN.value());
        write(request, response, problems.of(locales.resolveLocale(request), HttpStatus.FORBIDDEN, "forbidden"));
    }

    /**
     * To a signed-in caller: 404 for a path no rule names, 405 with {@code Allow} for a method it does not take
     * ({@link AccessRuleAuthorization#NO_ROUTE}).
     */
    private boolean noRoute(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object noRoute = request.getAttribute(AccessRuleAuthorization.NO_ROUTE);
        if (noRoute == null) {
            return false;
        }
        java.util.Locale locale = locales.resolveLocale(request);
        if (AccessRuleAuthorization.NOT_FOUND.equals(noRoute)) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            write(request, response, problems.of(locale, HttpStatus.NOT_FOUND, "not-found"));
        } else {
            response.setStatus(HttpStatus.METHOD_NOT_ALLOWED.value());
            response.setHeader(org.springframework.http.HttpHeaders.ALLOW, noRoute.toString());
            write(request, response, problems.of(locale, HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", request.getMethod()));
        }
        return true;
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
