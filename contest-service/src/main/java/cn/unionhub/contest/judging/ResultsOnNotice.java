package cn.unionhub.contest.judging;

/**
 * Whether an event's results are on public notice (公示): then the record stands as noticed, and a
 * score changes only after the office upholds an objection (the results go back to revision) — a
 * correction in the middle of the notice would rank competitors differently from what the public
 * was shown. Implemented by the results feature, which knows the notice; judging only asks.
 */
public interface ResultsOnNotice {

    boolean onNotice(String eventId);

    /** Whether the event's results have gone on notice at all (noticed, being revised, or final): entries are closed. */
    boolean published(String eventId);

    /**
     * While the results are revised after upheld objections: the entries whose scores may change — those the upheld
     * objections name (empty: none named, one concerned the list as a whole, so any). Empty outside a revision.
     */
    default java.util.Optional<java.util.Set<String>> revisable(String eventId) {
        return java.util.Optional.empty();
    }
}
