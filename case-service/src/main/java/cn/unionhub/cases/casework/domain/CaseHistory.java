package cn.unionhub.cases.casework.domain;

import cn.unionhub.platform.domain.HashChain;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash chain over a case's history. Each entry's hash covers its sequence, time, actor, action,
 * text, details and attachments (details in key order) and the previous entry's hash, in the
 * platform's canonical encoding ({@link HashChain}), which chains stored before it was shared were
 * sealed with too.
 */
public final class CaseHistory {

    /** The "previous hash" of a first entry. */
    public static final String GENESIS = HashChain.GENESIS;

    /** The outcome of checking a chain: valid, or the first entry that does not fit. */
    public record Verification(boolean valid, int entries, Integer firstBrokenSequence, String problem) {

        static Verification of(HashChain.Verification result) {
            return new Verification(result.valid(), result.entries(), result.firstBrokenSequence(), result.problem());
        }
    }

    private CaseHistory() {
    }

    /** A new history with {@code entry}'s content appended and sealed. */
    public static List<HistoryEntry> append(List<HistoryEntry> history, Instant at, String actor, String actorRole,
            String action, String text, Map<String, String> details, List<HistoryEntry.Attachment> attachments) {
        String previous = HashChain.previousHashFor(history);
        HistoryEntry unsealed = new HistoryEntry(history.size() + 1, at.truncatedTo(ChronoUnit.MILLIS), actor, actorRole,
                action, text, details, attachments, previous, null);
        List<HistoryEntry> next = new ArrayList<>(history);
        next.add(new HistoryEntry(unsealed.sequence(), unsealed.at(), actor, actorRole, action, text, unsealed.details(),
                unsealed.attachments(), previous, hash(unsealed)));
        return List.copyOf(next);
    }

    public static Verification verify(List<HistoryEntry> history) {
        return Verification.of(HashChain.verify(history, CaseHistory::hash));
    }

    static String hash(HistoryEntry entry) {
        HashChain.Fields fields = HashChain.fields()
                .add(entry.sequence())
                .add(entry.at().toString())
                .add(entry.actor())
                .add(entry.actorRole())
                .add(entry.action())
                .add(entry.text());
        new TreeMap<>(entry.details()).forEach((key, value) -> fields.add(key).add(value));
        fields.add("attachments:" + entry.attachments().size());
        for (HistoryEntry.Attachment attachment : entry.attachments()) {
            fields.add(attachment.name()).add(attachment.contentType()).add(attachment.size()).add(attachment.sha256());
        }
        return fields.add(entry.previousHash()).sha256();
    }
}
