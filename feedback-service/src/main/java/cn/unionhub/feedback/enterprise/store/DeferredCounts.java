package cn.unionhub.feedback.enterprise.store;

import cn.unionhub.platform.store.EventCounters;
import cn.unionhub.platform.store.ReleaseQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * What an anonymous worker's item adds to its enterprise's public page, held until the item's release
 * ({@link cn.unionhub.platform.domain.AnonymousRelease}): a count that moves the moment a complaint or review is
 * filed tells anyone watching the page (the chair too) when an anonymous worker filed it. Kept in
 * {@code enterprise_page_deferred}, one small document per item ({@link ReleaseQueue}: a window's items all wait
 * for one instant); a released count is applied under its counting key, so releasing it twice counts it once.
 */
@Repository
public class DeferredCounts {

    private final EnterpriseStats stats;
    private final PageReviewers reviewers;
    private final ReleaseQueue queue;

    DeferredCounts(MongoTemplate mongo, EnterpriseStats stats, PageReviewers reviewers) {
        this.stats = stats;
        this.reviewers = reviewers;
        this.queue = new ReleaseQueue(mongo, "enterprise_page_deferred");
    }

    /** Holds the counting {@code key} of {@code enterprise} until {@code release}. Holding it again changes nothing. */
    public void hold(String key, String enterprise, Map<String, Long> increments, Instant release) {
        queue.add(key, release, new Document("enterprise", enterprise).append("increments", new Document(increments)));
    }

    /**
     * Brings the page to a person's vote at {@code release} ({@link PageReviewers#applyLatest}), under the counting key
     * {@code key}: what it moves is known only then (a later vote may have replaced it meanwhile).
     */
    public void holdVote(String key, String voteId, Instant release) {
        queue.add(key, release, new Document("vote", voteId));
    }

    /**
     * Holds a resolution of an anonymous worker's item until {@code release}: its counts, and its place in the page's list
     * of what was done lately — answered or resolved before the release, it would tell the chair the item exists, and its
     * category, before the item itself reaches the chair's list.
     */
    public void holdResolution(String key, String enterprise, Map<String, Long> increments, EnterpriseStats.Resolution resolution,
            Instant release) {
        queue.add(key, release, new Document("enterprise", enterprise).append("increments", new Document(increments))
                .append("resolvedItem", resolution.itemId()).append("resolvedAt", Date.from(resolution.resolvedAt())));
    }

    /**
     * Applies every held count whose release has come by {@code now}: a read's batch of them in one counting
     * (a read and a write per hundred), as the projection counts a poll's events.
     *
     * @return how many were released
     */
    public int releaseDue(Instant now) {
        return queue.fireAll(now, batch -> {
            List<EventCounters.Counted> counted = new ArrayList<>();
            for (ReleaseQueue.Due due : batch) {
                if (due.data().containsKey("vote")) {
                    reviewers.applyLatest(due.data().getString("vote"), now, due.id())
                            .ifPresent(applied -> counted.add(stats.counting(applied.key(), applied.enterprise(), applied.increments())));
                    continue;
                }
                Map<String, Long> increments = new LinkedHashMap<>();
                due.data().get("increments", Document.class).forEach((field, value) -> increments.put(field, ((Number) value).longValue()));
                counted.add(stats.counting(due.id(), due.data().getString("enterprise"), increments));
            }
            stats.countAll(counted, applied -> { });
            // After the counts: a release cut off here is fired again, counts nothing twice and lists an item once.
            Map<String, List<EnterpriseStats.Resolution>> resolved = new LinkedHashMap<>();
            batch.stream().filter(due -> due.data().containsKey("resolvedItem")).forEach(due -> resolved
                    .computeIfAbsent(due.data().getString("enterprise"), enterprise -> new ArrayList<>())
                    .add(new EnterpriseStats.Resolution(due.data().getString("resolvedItem"), due.data().getDate("resolvedAt").toInstant())));
            resolved.forEach(stats::rememberResolved);
            return batch;
        });
    }
}
