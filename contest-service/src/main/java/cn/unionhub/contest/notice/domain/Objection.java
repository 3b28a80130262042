package cn.unionhub.contest.notice.domain;

import java.time.Instant;
import java.util.List;

/**
 * An objection to what a notice shows (异议), by a named person with evidence, and its answer.
 *
 * @param concerns  the registration or nomination it concerns; null for the notice as a whole
 * @param filedOn   the notice it was filed on; it stays open across a new notice until answered
 * @param answer    null until answered
 */
public record Objection(String id, String concerns, Objector objector, String grounds, List<Evidence> evidence,
        Instant filedAt, String filedOn, Answer answer) {

    /** Who objects: by name and a way to reach them, because an anonymous objection cannot be answered (实名异议). */
    public record Objector(String name, String contact, String account) {
    }

    /** A file's metadata; the file lives in object storage, its SHA-256 ties it to the objection. */
    public record Evidence(String name, String contentType, long size, String sha256) {
    }

    public record Answer(Verdict verdict, String reason, String by, Instant at) {
    }

    public Objection {
        evidence = List.copyOf(evidence);
    }

    public boolean isAnswered() {
        return answer != null;
    }

    public boolean isUpheld() {
        return answer != null && answer.verdict() == Verdict.UPHELD;
    }

    Objection answered(Answer given) {
        return new Objection(id, concerns, objector, grounds, evidence, filedAt, filedOn, given);
    }
}
