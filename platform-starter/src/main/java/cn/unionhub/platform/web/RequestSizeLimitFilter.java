package cn.unionhub.platform.web;

import cn.unionhub.platform.problem.Problems;
import cn.unionhub.platform.domain.TooLargeException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses bodies larger than {@code unionhub.web.max-request-size} (413 Problem): by their
 * {@code Content-Length} before anything reads them, and a chunked body (no length) as soon as more
 * than that has been read. The gateway applies the same limit; this guards calls that bypass it.
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
        boolean upload = uploadPaths.stream().anyMatch(request.getRequestURI()::startsWith);
        long limit = upload ? Math.max(maxBytes, maxUploadBytes) : maxBytes;
        if (request.getContentLengthLong() > limit) {
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            json.writeValue(response.getOutputStream(),
                    problems.of(locales.resolveLocale(request), HttpStatus.CONTENT_TOO_LARGE, "payload-too-large"));
            return;
        }
        // A chunked body has no length to check up front: count what is read. Upload readers count
        // their own bytes (they report the file's limit in their own words).
        chain.doFilter(upload || request.getContentLengthLong() >= 0 ? request : new LimitedBody(request, limit), response);
    }

    /**
     * A request whose body stops with a 413 ({@link TooLargeException}, raised through whatever
     * reads it, e.g. the JSON reader) once more than the limit has been read.
     */
    static final class LimitedBody extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream body;
        private BufferedReader reader;

        LimitedBody(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                body = new Counting(super.getInputStream(), limit);
            }
            return body;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) { // one reader per request, as the servlet contract has it
                String charset = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new TooLargeException("payload-too-large");
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
