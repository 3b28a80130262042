package cn.unionhub.platform.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Private follow-up tokens for anonymous submissions. The worker is shown the token once
 * ({@code 7KQM-3XPA-9TRD-WY2C-HB4N}, 100 random bits, easy to read out on the 12351 hotline);
 * only its SHA-256 hash is stored, so nobody with database access can act as the worker.
 */
public final class FollowUpTokens {

    /** Crockford's base32: no I, L, O, U, so tokens survive being read aloud and retyped. */
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int LENGTH = 20;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TYPED_SEPARATORS = Pattern.compile("[\\s-]");

    /** A newly issued token: give {@code token} to the worker, store {@code hash}. */
    public record Issued(String token, String hash) {
    }

    private FollowUpTokens() {
    }

    public static Issued issue() {
        byte[] random = new byte[LENGTH];
        RANDOM.nextBytes(random);
        return fromBytes(random);
    }

    /**
     * The same token every time for the same secret seed, e.g. a keyed pseudonym of the request's
     * idempotency scope: a retried submission gets back the token the lost first answer carried,
     * although only its hash was stored. The seed must itself be secret (keyed), or the token is guessable.
     */
    public static Issued derive(String secretSeed) {
        try {
            return fromBytes(MessageDigest.getInstance("SHA-256").digest(secretSeed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static Issued fromBytes(byte[] bytes) {
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                token.append('-');
            }
            token.append(ALPHABET.charAt((bytes[i] & 0xFF) % ALPHABET.length()));
        }
        return new Issued(token.toString(), hash(token.toString()));
    }

    /** Hash of a token as typed by a person: case, dashes and spaces do not matter. */
    public static String hash(String token) {
        String normalized = TYPED_SEPARATORS.matcher(token).replaceAll("").toUpperCase(Locale.ROOT);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Constant-time comparison, so response timing reveals nothing about the stored hash. */
    public static boolean matches(String candidateToken, String storedHash) {
        if (candidateToken == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(candidateToken).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
