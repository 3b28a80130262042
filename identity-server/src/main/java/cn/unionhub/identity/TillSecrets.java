package cn.unionhub.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks secrets against what they are stored as: a till's ({@code {sha256}<hex>}) by its SHA-256 in constant time,
 * everything else (people's passwords, configured clients' secrets) by Spring Security's delegating encoder. A till's
 * secret is 32 random bytes, so one fast digest is as safe as a slow password hash and costs a till's sign-in nothing;
 * and it is never "upgraded" to bcrypt — the union's digest is the only record of it.
 */
final class TillSecrets implements PasswordEncoder {

    private final PasswordEncoder others;

    TillSecrets(PasswordEncoder others) {
        this.others = others;
    }

    @Override
    public String encode(CharSequence raw) {
        return others.encode(raw);
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        if (encoded != null && encoded.startsWith(TillClients.SECRET_ID)) {
            if (raw == null) {
                return false;
            }
            byte[] expected = HexFormat.of().parseHex(encoded.substring(TillClients.SECRET_ID.length()));
            return MessageDigest.isEqual(expected, sha256(raw.toString()));
        }
        return others.matches(raw, encoded);
    }

    @Override
    public boolean upgradeEncoding(String encoded) {
        return encoded != null && !encoded.startsWith(TillClients.SECRET_ID) && others.upgradeEncoding(encoded);
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
