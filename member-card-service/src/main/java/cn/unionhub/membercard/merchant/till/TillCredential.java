package cn.unionhub.membercard.merchant.till;

import cn.unionhub.events.membercard.TillClientChanged;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A merchant till's sign-in credential: the till signs in to the identity server as the machine client
 * {@code merchant-<merchant id>} (role MERCHANT, organisation {@code MERCHANT:<merchant id>}) with a secret its
 * district union issued here. Only the secret's SHA-256 is kept and published: the secret is 32 random bytes, shown
 * once to the union that issued it, so a digest that leaks (the store, the topic) gives no way in. A new secret
 * replaces the previous one at once; a revoked credential signs nobody in.
 *
 * @param generation 1 for the first secret, one more for every issue or revocation
 * @param changedBy  the subject of the union staff (or administrator) who issued or revoked it
 */
public record TillCredential(String merchantId, String district, boolean active, String secretSha256, long generation,
        Instant changedAt, String changedBy, String revokedReason) {

    public static final String CLIENT_PREFIX = "merchant-";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new credential and the secret that goes with it, which is nowhere else. */
    public record Issued(TillCredential credential, String secret) {
    }

    public String clientId() {
        return CLIENT_PREFIX + merchantId;
    }

    /** A new secret for the merchant's till, after {@code previous} (null for the first). */
    public static Issued issue(String merchantId, String district, TillCredential previous, String by, Instant at) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long generation = previous == null ? 1 : previous.generation() + 1;
        return new Issued(new TillCredential(merchantId, district, true, sha256(secret), generation, at, by, null), secret);
    }

    /**
     * A till the union never issued a secret for — one of the identity server's configuration — revoked all the same: the
     * record tells the identity server to refuse its configured secret (the clerk was told "revoked" and it still signed in).
     */
    public static TillCredential revokedUnissued(String merchantId, String district, String reason, String by, Instant at) {
        return new TillCredential(merchantId, district, false, null, 1, at, by, reason);
    }

    /** Revoked: the till signs in no more until a new secret is issued. */
    public TillCredential revoked(String reason, String by, Instant at) {
        return new TillCredential(merchantId, district, false, null, generation + 1, at, by, reason);
    }

    /** What the identity server learns: the client, whether it may sign in, and the digest of its secret. */
    public TillClientChanged event() {
        return new TillClientChanged(clientId(), merchantId, district, active, secretSha256, generation, changedAt);
    }

    /** The lower-case hex SHA-256 of the secret's UTF-8 text (the identity server checks a till's secret against it). */
    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
