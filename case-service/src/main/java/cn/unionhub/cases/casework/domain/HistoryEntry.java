package cn.unionhub.cases.casework.domain;

import cn.unionhub.platform.domain.HashChain;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One line of a case's record (一事一记录): who did what and when, with meeting minutes or notes
 * and the metadata of any attachments. Entries are only ever appended, each sealed with the hash of
 * its content and of the entry before it, so a changed or removed entry breaks the chain.
 *
 * @param sequence     1, 2, … without gaps
 * @param at           when (UTC, millisecond precision)
 * @param actor        who: the staff account, {@code worker} for the worker (never their identity), or {@code system}
 * @param actorRole    the role they acted in
 * @param action       what happened, e.g. OPENED, ACCEPTED, RESPONDED, MEETING
 * @param text         what was said or decided
 * @param details      further facts, e.g. the organisation routed to or the amount recovered
 * @param attachments  files' metadata (the files live elsewhere; their SHA-256 ties them to the record)
 * @param previousHash hash of the entry before ({@link CaseHistory#GENESIS} for the first)
 * @param hash         SHA-256 over this entry's content and {@code previousHash}
 */
public record HistoryEntry(int sequence, Instant at, String actor, String actorRole, String action, String text,
        Map<String, String> details, List<Attachment> attachments, String previousHash, String hash) implements HashChain.Link {

    public HistoryEntry {
        details = details == null ? Map.of() : Map.copyOf(details);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** What is known of an attached file: enough to show it and to prove it was not swapped. */
    public record Attachment(String name, String contentType, long size, String sha256) {
    }
}
