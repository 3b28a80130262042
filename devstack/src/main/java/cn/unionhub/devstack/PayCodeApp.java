package cn.unionhub.devstack;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the worker app does with the pay key it fetched ({@code POST /api/v1/member-cards/{n}/pay-key}):
 * shows the card's pay code, an RFC 6238 one-time password from the base32 key (HMAC-SHA1, six digits,
 * 30-second steps), as any authenticator app would. The demo, the end-to-end tests and the
 * benchmarks use it to stand in for the member at the till; it is written from the RFC, apart from
 * the service's check of the code, so each keeps the other honest.
 */
public final class PayCodeApp {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private PayCodeApp() {
    }

    /** The code the app shows at {@code at}. */
    public static String codeAt(String base32Key, Instant at) {
        return codeOfStep(decode(base32Key), at.getEpochSecond() / 30);
    }

    /** The code the app shows now. */
    public static String code(String base32Key) {
        return codeAt(base32Key, Instant.now());
    }

    static String codeOfStep(byte[] key, long step) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] h = hmac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int o = h[19] & 0xf;
            int truncated = ByteBuffer.wrap(h, o, 4).getInt() & 0x7fffffff;
            return "%06d".formatted(truncated % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] decode(String base32) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long buffer = 0;
        int bits = 0;
        for (char c : base32.toUpperCase().toCharArray()) {
            int value = BASE32.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not base32: " + c);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                bytes.write((int) (buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return bytes.toByteArray();
    }
}
