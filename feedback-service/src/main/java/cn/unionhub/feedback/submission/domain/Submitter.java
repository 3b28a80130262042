package cn.unionhub.feedback.submission.domain;

/**
 * Who stands behind a submission, in the only forms kept: a keyed pseudonym of the worker's
 * account (so they find their own items), the hash of the follow-up token of an anonymous item,
 * contact details only when the worker chose to be named, and the staff member who recorded it.
 *
 * @param pseudonym    pseudonym of the submitting worker account, or {@code null} when staff recorded it
 * @param followUpHash SHA-256 of the follow-up token (anonymous items), or {@code null}
 * @param contactName  the worker's name, named items only
 * @param contactPhone the worker's mobile number, named items only
 * @param recordedBy   subject of the union staff member who recorded it, or {@code null}
 */
public record Submitter(String pseudonym, String followUpHash, String contactName, String contactPhone, String recordedBy) {
}
