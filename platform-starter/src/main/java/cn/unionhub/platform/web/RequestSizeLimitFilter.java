package cn.unionhub.platform.web;

import cn.unionhub.platform.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses bodies larger than {@code unionhub.web.max-request-size} before anything reads them
 * (413 Problem). The gateway applies the same limit; this guards calls that bypass it.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final long maxUploadBytes;
    private final List<String> uploadPaths;
    private final Problems problems;
    private final LocaleResolver locales;
    private final JsonMapper json;

    public RequestSizeLimitFilter(DataSize max, Problems problems, LocaleResolver locales, JsonMapper json) {
        this(max, DataSize.ofBytes(0), List.of(), problems, locales, json);
    }

    /**
     * @param maxUpload   the larger limit of paths that take files (a register import, an enrolment list)
     * @param uploadPaths path prefixes that take files; readers there must still count what they read,
     *                    since a chunked body has no length to check up front
     */
    public RequestSizeLimitFilter(DataSize max, DataSize maxUpload, List<String> uploadPaths, Problems problems,
            LocaleResolver locales, JsonMapper json) {
        this.maxBytes = max.toBytes();
        this.maxUploadBytes = maxUpload.toBytes();
        this.uploadPaths = List.copyOf(uploadPaths);
        this.problems = problems;
        this.locales = locales;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limitFor(request.getRequestURI())) {
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            json.writeValue(response.getOutputStream(),
                    problems.of(locales.resolveLocale(request), HttpStatus.CONTENT_TOO_LARGE, "payload-too-large"));
            return;
        }
        chain.doFilter(request, response);
    }

    private long limitFor(String path) {
        return uploadPaths.stream().anyMatch(path::startsWith) ? Math.max(maxBytes, maxUploadBytes) : maxBytes;
    }
}
