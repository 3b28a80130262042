package cn.unionhub.cases.casework.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash chain over a case's history. Each entry's hash covers its sequence, time, actor, action,
 * text, details and attachments (length-prefixed, details in key order, so no two different entries
 * share an encoding) and the previous entry's hash.
 */
public final class CaseHistory {

    /** The "previous hash" of a first entry. */
    public static final String GENESIS = "0".repeat(64);

    /** The outcome of checking a chain: valid, or the first entry that does not fit. */
    public record Verification(boolean valid, int entries, Integer firstBrokenSequence, String problem) {
    }

    private CaseHistory() {
    }

    /** A new history with {@code entry}'s content appended and sealed. */
    public static List<HistoryEntry> append(List<HistoryEntry> history, Instant at, String actor, String actorRole,
            String action, String text, Map<String, String> details, List<HistoryEntry.Attachment> attachments) {
        String previous = history.isEmpty() ? GENESIS : history.get(history.size() - 1).hash();
        HistoryEntry unsealed = new HistoryEntry(history.size() + 1, at.truncatedTo(ChronoUnit.MILLIS), actor, actorRole,
                action, text, details, attachments, previous, null);
        List<HistoryEntry> next = new ArrayList<>(history);
        next.add(new HistoryEntry(unsealed.sequence(), unsealed.at(), actor, actorRole, action, text, unsealed.details(),
                unsealed.attachments(), previous, hash(unsealed)));
        return List.copyOf(next);
    }

    public static Verification verify(List<HistoryEntry> history) {
        String previous = GENESIS;
        for (int i = 0; i < history.size(); i++) {
            HistoryEntry entry = history.get(i);
            if (entry.sequence() != i + 1) {
                return new Verification(false, history.size(), i + 1, "sequence " + entry.sequence() + " where " + (i + 1) + " belongs");
            }
            if (!previous.equals(entry.previousHash())) {
                return new Verification(false, history.size(), entry.sequence(), "does not follow the entry before it");
            }
            if (!hash(entry).equals(entry.hash())) {
                return new Verification(false, history.size(), entry.sequence(), "content does not match its hash");
            }
            previous = entry.hash();
        }
        return new Verification(true, history.size(), null, null);
    }

    static String hash(HistoryEntry entry) {
        StringBuilder canonical = new StringBuilder();
        field(canonical, Integer.toString(entry.sequence()));
        field(canonical, entry.at().toString());
        field(canonical, entry.actor());
        field(canonical, entry.actorRole());
        field(canonical, entry.action());
        field(canonical, entry.text());
        new TreeMap<>(entry.details()).forEach((key, value) -> {
            field(canonical, key);
            field(canonical, value);
        });
        field(canonical, "attachments:" + entry.attachments().size());
        for (HistoryEntry.Attachment attachment : entry.attachments()) {
            field(canonical, attachment.name());
            field(canonical, attachment.contentType());
            field(canonical, Long.toString(attachment.size()));
            field(canonical, attachment.sha256());
        }
        field(canonical, entry.previousHash());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void field(StringBuilder out, String value) {
        if (value == null) {
            out.append("-1:");
        } else {
            out.append(value.length()).append(':').append(value);
        }
        out.append('|');
    }
}
