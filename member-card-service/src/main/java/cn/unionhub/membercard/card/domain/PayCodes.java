package cn.unionhub.membercard.card.domain;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The member's pay code (付款码): a six-digit time-based one-time password (RFC 6238, HMAC-SHA1,
 * 30-second steps) that the worker app computes from the card's pay key without a network, and the
 * till sends with the card number. A card number alone is not consent: numbers are sequential with
 * a check digit, so anyone could list them. The code is accepted one step either side of now, for
 * a phone's clock that is a little off.
 */
public final class PayCodes {

    /** The HMAC's hash as an otpauth URI names it. */
    public static final String ALGORITHM = "SHA1";
    public static final int DIGITS = 6;
    public static final long PERIOD_SECONDS = 30;
    /** 160 bits, the HMAC-SHA1 block's natural key length (RFC 4226 §4). */
    public static final int SECRET_BYTES = 20;
    /** Steps either side of now whose codes are accepted. */
    public static final int WINDOW_STEPS = 1;
    private static final int MODULUS = 1_000_000;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private PayCodes() {
    }

    public static byte[] newSecret(RandomGenerator random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return secret;
    }

    /** The step a moment falls in (seconds since the epoch / 30). */
    public static long stepAt(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), PERIOD_SECONDS);
    }

    /** The code of a step, zero-padded to six digits. */
    public static String code(byte[] secret, long step) {
        return code(hmac(secret), step);
    }

    /** The step whose code this is, of the three around {@code now}; empty when none matches. */
    public static OptionalLong stepOf(byte[] secret, String code, Instant now) {
        if (!wellFormed(code)) {
            return OptionalLong.empty();
        }
        Mac mac = hmac(secret); // one key set-up for the three candidates
        long current = stepAt(now);
        OptionalLong found = OptionalLong.empty();
        // Every candidate is computed and compared in constant time, so the answer's timing tells nothing.
        for (long step = current + WINDOW_STEPS; step >= current - WINDOW_STEPS; step--) {
            if (MessageDigest.isEqual(code(mac, step).getBytes(), code.getBytes()) && found.isEmpty()) {
                found = OptionalLong.of(step);
            }
        }
        return found;
    }

    private static Mac hmac(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    /** RFC 4226 §5.3: the dynamic truncation of the step's HMAC, its last six decimal digits. */
    private static String code(Mac mac, long step) {
        byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        return String.format("%0" + DIGITS + "d", binary % MODULUS);
    }

    public static boolean wellFormed(String code) {
        return code != null && code.length() == DIGITS && code.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** RFC 4648 base32 without padding, as authenticator apps read a key. */
    public static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }
}
