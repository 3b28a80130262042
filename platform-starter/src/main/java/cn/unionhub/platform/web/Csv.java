package cn.unionhub.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * CSV exports (reports, ledgers) as union staff open them: UTF-8 with a byte-order mark so Excel on
 * Windows shows Chinese correctly, RFC 4180 quoting, and cells that a spreadsheet would run as a
 * formula ({@code = + - @}) neutralised with a leading apostrophe — exported text comes from workers.
 */
public final class Csv {

    private static final MediaType CSV_UTF8 = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final StringBuilder out = new StringBuilder("\uFEFF");

    private Csv() {
    }

    public static Csv withHeader(String... columns) {
        return new Csv().row((Object[]) columns);
    }

    public Csv row(Object... cells) {
        return row(Arrays.asList(cells));
    }

    public Csv row(List<?> cells) {
        line(out, cells);
        return this;
    }

    private static void line(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    /**
     * An export written to the response as its rows come, in the same format: a whole ledger (a
     * district's open wage-arrears cases can number tens of thousands) is never held in memory, as
     * {@link #download} holds it. Rows go out in the servlet's buffer; the response is committed with
     * the first full buffer, so a failure after that cuts the file short instead of answering a problem.
     */
    public static Rows streamTo(HttpServletResponse response, String filename, String... columns) {
        response.setContentType(CSV_UTF8.toString());
        response.setHeader("Content-Disposition", disposition(filename));
        try {
            Rows rows = new Rows(response.getWriter());
            rows.writer.write('\uFEFF');
            rows.row((Object[]) columns);
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of a streamed export. */
    public static final class Rows {

        private final Writer writer;
        private final StringBuilder line = new StringBuilder(256);

        private Rows(Writer writer) {
            this.writer = writer;
        }

        public Rows row(Object... cells) {
            line.setLength(0);
            line(line, Arrays.asList(cells));
            try {
                writer.append(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }
    }

    private static String disposition(String filename) {
        return "attachment; filename=\"" + filename.replaceAll("[^A-Za-z0-9._-]", "_") + "\"";
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** The export as a download named {@code filename}. */
    public ResponseEntity<String> download(String filename) {
        return ResponseEntity.ok()
                .contentType(CSV_UTF8)
                .header("Content-Disposition", disposition(filename))
                .body(toString());
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && !(value instanceof Number) && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
