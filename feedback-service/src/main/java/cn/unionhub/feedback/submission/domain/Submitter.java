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
 * @param recordedFor  for an item staff recorded, a keyed pseudonym of the person it was recorded for: their
 *                     mobile number when named, else the recording staff member — so ten items one person
 *                     records count as one worker in collective-dispute detection, not ten
 */
public record Submitter(String pseudonym, String followUpHash, String contactName, String contactPhone, String recordedBy,
        String recordedFor) {

    /** A worker's own submission (or an item from before {@code recordedFor} existed). */
    public Submitter(String pseudonym, String followUpHash, String contactName, String contactPhone, String recordedBy) {
        this(pseudonym, followUpHash, contactName, contactPhone, recordedBy, null);
    }
}
