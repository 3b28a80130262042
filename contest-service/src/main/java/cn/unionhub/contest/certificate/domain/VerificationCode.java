package cn.unionhub.contest.certificate.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The code printed beside a certificate's number that proves the paper is genuine: ten characters
 * of Crockford's Base32 (no I, L, O or U to misread), 50 random bits, shown as {@code 7KQ2M-X9D4T}.
 * It is drawn at random from the caller's {@link java.security.SecureRandom} and kept with the
 * certificate, not derived from the number with a key: a leaked key would forge every code at once
 * and could never be rotated without reprinting. Numbers can be enumerated, codes cannot; the public
 * check is rate-limited, so 2^50 codes are out of reach of guessing.
 *
 * <p>Typed codes are forgiven case, blanks, dashes and the look-alikes O→0 and I, L→1; the comparison
 * then takes the same time wherever the first difference lies.
 */
public final class VerificationCode {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public static final int LENGTH = 10;

    private VerificationCode() {
    }

    public static String generate(RandomGenerator random) {
        StringBuilder code = new StringBuilder(LENGTH + 1);
        for (int i = 0; i < LENGTH; i++) {
            if (i == LENGTH / 2) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** The code reduced to its ten characters, or null if it cannot be one. */
    public static String normalise(String typed) {
        if (typed == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(LENGTH);
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            char read = switch (c) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            };
            if (ALPHABET.indexOf(read) < 0 || out.length() == LENGTH) {
                return null;
            }
            out.append(read);
        }
        return out.length() == LENGTH ? out.toString() : null;
    }

    public static boolean isWellFormed(String code) {
        return normalise(code) != null;
    }

    /** Whether a typed code is the stored one, compared in constant time. */
    public static boolean matches(String stored, String typed) {
        String expected = normalise(stored);
        String given = normalise(typed);
        if (expected == null) {
            return false;
        }
        // Compare the full length even when the typed code is unreadable, so timing tells nothing either way.
        byte[] a = expected.getBytes(StandardCharsets.US_ASCII);
        byte[] b = (given == null ? "#".repeat(LENGTH) : given).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(a, b);
    }
}
