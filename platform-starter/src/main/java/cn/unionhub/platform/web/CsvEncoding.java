package cn.unionhub.platform.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The encoding of an uploaded CSV file: UTF-8 when the whole file is valid UTF-8, else GB18030 (the superset of GBK) —
 * Excel on a Chinese Windows saves "CSV" in GBK, and a union officer should not have to know what an encoding is. Text
 * in GBK is practically never valid UTF-8 (its lead bytes are followed by bytes UTF-8 forbids there). A file that is
 * UTF-8 Chinese up to a line that is not (a GBK row pasted in) is refused naming that line: read as GB18030 throughout,
 * its UTF-8 rows became mojibake that renamed enterprises on file (exploratory test, 2026-12-05); a station import read
 * every GBK file as UTF-8 mojibake and put it on the map.
 */
public final class CsvEncoding {

    private CsvEncoding() {
    }

    /** A file whose lines are in two encodings; the message names the line, for whoever uploaded it, in both languages. */
    public static final class MixedEncoding extends IOException {
        private final long line;

        MixedEncoding(long line) {
            super("文件第 " + line + " 行的编码与前面的行不同（前面是 UTF-8，这一行像是 GBK），请统一另存为 CSV（UTF-8）后重新上传"
                    + " / line " + line + " is not in the encoding of the lines before it (UTF-8): save the whole file as CSV (UTF-8)"
                    + " and upload again");
            this.line = line;
        }

        public long line() {
            return line;
        }
    }

    /** Reads the channel through (it is left at its end) and answers the encoding to read it with. */
    public static Charset of(ReadableByteChannel channel) throws IOException {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        CharBuffer out = CharBuffer.allocate(64 * 1024);
        boolean chineseSeen = false;
        long line = 1;
        boolean end = false;
        while (true) {
            end = end || channel.read(in) < 0;
            in.flip();
            CoderResult result = strict.decode(in, out, end);
            out.flip();
            while (out.hasRemaining()) {
                char c = out.get();
                if (c == '\n') {
                    line++;
                } else if (c >= 0x3000 && c <= 0x9FFF || c >= 0xFF00 && c <= 0xFFEF) {
                    // Chinese as UTF-8 writes it (three bytes): a GBK pair can pass for a two-byte UTF-8 letter, not for this.
                    chineseSeen = true;
                }
            }
            out.clear();
            if (result.isError()) {
                if (chineseSeen) {
                    throw new MixedEncoding(line);
                }
                return Charset.forName("GB18030");
            }
            in.compact();
            if (end && result.isUnderflow() && in.position() == 0) {
                return StandardCharsets.UTF_8;
            }
        }
    }
}
