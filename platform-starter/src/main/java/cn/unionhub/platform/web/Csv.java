package cn.unionhub.platform.web;

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
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** The export as a download named {@code filename}. */
    public ResponseEntity<String> download(String filename) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"" + filename.replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
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
