package cn.unionhub.contest.registration;

/**
 * What entering an event depends on beyond the entries themselves, answered where judges and results
 * are known (judging depends on registration, not the other way round).
 */
public interface EntryConditions {

    /** Whether the account is a judge of the event: a judge does not compete in it. */
    boolean isJudge(String eventId, String account);

    /** Whether the event's results have gone on notice: entries are then closed. */
    boolean resultsPublished(String eventId);
}
