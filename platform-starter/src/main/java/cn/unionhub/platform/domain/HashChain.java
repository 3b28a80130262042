package cn.unionhub.platform.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * A tamper-evident record: entries numbered 1, 2, … each sealed with the SHA-256 of its own content
 * and of the previous entry's hash, so an edited, removed or reordered entry breaks the chain from
 * that entry on. What goes into an entry's content is the owner's business (a case's history, a
 * contest event's score ledger); the encoding, the hash and the check are the same everywhere.
 *
 * <p>The encoding is frozen: chains stored since the case service began were sealed with it, and a
 * change would make every one of them fail verification. Each field is written as its length in
 * UTF-16 code units (Java's {@link String#length()}), a colon, the text and a bar; an absent field as
 * {@code -1:|}. The length prefix keeps {@code "a|b"} apart from the two fields {@code "a"} and
 * {@code "b"}, so no two different entries share an encoding.
 */
public final class HashChain {

    /** The "previous hash" of a first entry. */
    public static final String GENESIS = "0".repeat(64);

    /** What verification needs of an entry; the entry's own content is re-hashed by the owner's function. */
    public interface Link {

        /** 1 for the first entry, without gaps. */
        int sequence();

        String previousHash();

        String hash();
    }

    /** The outcome of checking a chain: valid, or the first entry that does not fit and why. */
    public record Verification(boolean valid, int entries, Integer firstBrokenSequence, String problem) {

        public static Verification intact(int entries) {
            return new Verification(true, entries, null, null);
        }
    }

    /** An entry's content in canonical form, field by field, then hashed. */
    public static final class Fields {

        private final StringBuilder canonical = new StringBuilder();

        private Fields() {
        }

        public Fields add(String value) {
            if (value == null) {
                canonical.append("-1:");
            } else {
                canonical.append(value.length()).append(':').append(value);
            }
            canonical.append('|');
            return this;
        }

        public Fields add(long value) {
            return add(Long.toString(value));
        }

        /** The hex SHA-256 of the fields so far. */
        public String sha256() {
            return sha256Hex(canonical.toString());
        }

        @Override
        public String toString() {
            return canonical.toString();
        }
    }

    private HashChain() {
    }

    public static Fields fields() {
        return new Fields();
    }

    /** The hash a new entry links to: the last entry's, or {@link #GENESIS} for an empty chain. */
    public static String previousHashFor(List<? extends Link> chain) {
        return chain.isEmpty() ? GENESIS : chain.get(chain.size() - 1).hash();
    }

    /**
     * Checks every link in order: the numbering, that each entry names its predecessor's hash, and
     * that its content still gives its hash. Reports the first entry that fails. A chain cut at its
     * end still verifies; the owner keeps the count elsewhere (on the aggregate, in its events).
     *
     * @param rehash computes an entry's hash from its content and its {@code previousHash}, as when it was sealed
     */
    public static <E extends Link> Verification verify(List<E> chain, Function<? super E, String> rehash) {
        String previous = GENESIS;
        for (int i = 0; i < chain.size(); i++) {
            E entry = chain.get(i);
            if (entry.sequence() != i + 1) {
                return new Verification(false, chain.size(), i + 1, "sequence " + entry.sequence() + " where " + (i + 1) + " belongs");
            }
            if (!previous.equals(entry.previousHash())) {
                return new Verification(false, chain.size(), entry.sequence(), "does not follow the entry before it");
            }
            if (!rehash.apply(entry).equals(entry.hash())) {
                return new Verification(false, chain.size(), entry.sequence(), "content does not match its hash");
            }
            previous = entry.hash();
        }
        return Verification.intact(chain.size());
    }

    public static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
