package cn.unionhub.platform.web;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes) one row at a time,
 * so a file of any length is read in constant memory. Skips a UTF-8 byte-order mark, which Excel
 * writes. {@link #line()} is the line a row started on, for error reports people can find in the file.
 */
public final class CsvRows {

    /** Longest field accepted: a row that never closes its quote must not swallow the file. */
    private static final int MAX_FIELD = 4_000;

    private final Reader in;
    /** A character read ahead and given back; below -1 when there is none. */
    private int next = -2;
    private long lineNumber = 1;
    private long rowLine;

    public CsvRows(Reader in) {
        this.in = in;
    }

    /** The next row, or {@code null} at the end. */
    public List<String> next() throws IOException {
        int c = read();
        if (c == '\uFEFF') {
            c = read();
        }
        while (c == '\r' || c == '\n') {
            if (c == '\n') {
                lineNumber++;
            }
            c = read();
        }
        if (c == -1) {
            return null;
        }
        rowLine = lineNumber;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    // Read by whoever uploaded the file: both languages, Chinese first, as every import message.
                    throw new IOException("第 " + rowLine + " 行起的引号没有闭合，请检查该行 / unterminated quoted field starting on line "
                            + rowLine);
                }
                if (c == '"') {
                    int after = read();
                    if (after == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = after;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        lineNumber++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' || c == '\n' || c == -1) {
                fields.add(field.toString());
                if (c == '\r') {
                    int after = read();
                    if (after != '\n') {
                        unread(after);
                    } else {
                        lineNumber++;
                    }
                } else if (c == '\n') {
                    lineNumber++;
                }
                return fields;
            } else {
                field.append((char) c);
            }
            if (field.length() > MAX_FIELD) {
                throw new IOException("第 " + rowLine + " 行有一项超过 " + MAX_FIELD + " 个字符 / field longer than " + MAX_FIELD
                        + " characters on line " + rowLine);
            }
            c = read();
        }
    }

    /** The line the last row returned started on (1 = the header). */
    public long line() {
        return rowLine;
    }

    private int read() throws IOException {
        if (next >= -1) {
            int c = next;
            next = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        next = c;
    }
}
