package cn.unionhub.platform.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where the pseudonym key comes from. There is no default: a key in the repository would let
 * anyone who knows a worker's account id recompute their pseudonym, their per-enterprise reporter
 * key and, with a submission's Idempotency-Key, its follow-up token. Either the key itself is
 * configured ({@code unionhub.security.pseudonym-key}, 32+ bytes, as deployments do from a
 * secret), or a file that holds it ({@code unionhub.security.pseudonym-key-file}): the local run
 * points every service at one file in its data folder, created with 32 random bytes on first start
 * (owner-only), like the identity server's signing key. Without either, the service refuses to start.
 */
public final class PseudonymKey {

    private static final int GENERATED_BYTES = 32;

    private PseudonymKey() {
    }

    public static byte[] resolve(String key, String keyFile) {
        if (key != null && !key.isBlank()) {
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 32) {
                throw new IllegalStateException("unionhub.security.pseudonym-key is too short: it needs at least 32 bytes");
            }
            return bytes;
        }
        if (keyFile != null && !keyFile.isBlank()) {
            return readOrCreate(Path.of(keyFile));
        }
        throw new IllegalStateException("No pseudonym key: set UNIONHUB_SECURITY_PSEUDONYM_KEY (32+ random bytes, the same for "
                + "every service of one installation) or unionhub.security.pseudonym-key-file (a file the service may create)");
    }

    private static byte[] readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (key.length < 32) {
                throw new IllegalStateException(file + " holds fewer than 32 bytes of key");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the pseudonym key file " + file, e);
        }
    }

    /** Written whole to a temporary file and moved into place, so a concurrent reader never sees half a key. */
    private static void create(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] random = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(random);
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".pseudonym-key", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the folder's ACL applies
            }
            Files.writeString(temporary, Base64.getEncoder().encodeToString(random), StandardCharsets.US_ASCII);
            Files.move(temporary, file); // no REPLACE_EXISTING: a key another process created first wins
        } catch (FileAlreadyExistsException createdMeanwhile) {
            // another service of the same installation created it first: use theirs
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
