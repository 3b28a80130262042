package cn.unionhub.feedback.enterprise.events;

import cn.unionhub.events.Topics;
import cn.unionhub.events.cases.CaseResolved;
import cn.unionhub.events.cases.CaseResponded;
import cn.unionhub.events.feedback.FeedbackSubmitted;
import cn.unionhub.feedback.enterprise.store.DeferredCounts;
import cn.unionhub.feedback.enterprise.store.EnterpriseStats;
import cn.unionhub.feedback.enterprise.store.PageReviewers;
import cn.unionhub.feedback.submission.domain.FeedbackItem;
import cn.unionhub.feedback.submission.store.FeedbackItems;
import cn.unionhub.platform.domain.AnonymousRelease;
import cn.unionhub.platform.events.EventRouter;
import cn.unionhub.platform.events.EventsProperties;
import cn.unionhub.platform.events.InboundEvents;
import cn.unionhub.platform.store.EventCounters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Keeps each enterprise's page counters from events (its own consumer group, like every projection). */
@Component
class EnterprisePageProjection {

    static final String GROUP = "feedback-service.enterprise-pages";
    private static final Logger log = LoggerFactory.getLogger(EnterprisePageProjection.class);

    private final EventRouter events;
    private final EnterpriseStats stats;
    private final FeedbackItems items;
    private final PageReviewers reviewers;
    private final DeferredCounts deferred;
    private final AnonymousRelease release;
    private final Clock clock;

    EnterprisePageProjection(InboundEvents inbound, EnterpriseStats stats, FeedbackItems items, PageReviewers reviewers,
            DeferredCounts deferred, AnonymousRelease release, Clock clock) {
        this.deferred = deferred;
        this.release = release;
        this.clock = clock;
        this.stats = stats;
        this.reviewers = reviewers;
        this.items = items;
        // Submissions are counted a poll at a time, each once (EventCounters); answers keep their own writes.
        this.events = inbound.router(GROUP)
                .gathered(stats::countAll, counting -> counting.on(FeedbackSubmitted.class, this::submitted))
                .on(CaseResponded.class, this::responded)
                .on(CaseResolved.class, this::resolved);
    }

    @KafkaListener(topics = {Topics.FEEDBACK, Topics.CASE}, groupId = GROUP, batch = "true",
            containerPostProcessor = EventsProperties.SPACED_POLLS)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        events.acceptAll(records); // one inbox lookup per poll
    }

    private Optional<EventCounters.Counted> submitted(FeedbackSubmitted e) {
        Map<String, Long> add = new LinkedHashMap<>();
        Instant released = release.of(e.submittedAt(), e.anonymous());
        String key = "submitted:" + e.feedbackId();
        if ("REVIEW".equals(e.type())) {
            // Distinct people, by the per-enterprise reporter key; a review recorded by staff without an account is its own person.
            String reviewer = e.reporterKey() != null ? e.reporterKey() : "item:" + e.feedbackId();
            add.put("reviews", 1L);
            if (reviewers.firstTime(e.enterprise(), PageReviewers.REVIEW, reviewer)) {
                add.put("reviewers", 1L);
            }
            // One vote per person and dimension, their latest: fifty one-star reviews by one worker weigh as one. The page
            // moves to a vote when it shows, from what it shows for that person (PageReviewers.applyLatest).
            Instant at = e.submittedAt() == null ? Instant.EPOCH : e.submittedAt();
            for (Map.Entry<String, Integer> rating : e.ratings().entrySet()) {
                Optional<String> vote = reviewers.vote(e.enterprise(), rating.getKey(), reviewer, rating.getValue(), at, e.feedbackId(),
                        released);
                if (vote.isEmpty()) {
                    continue;
                }
                if (released.isAfter(clock.instant())) {
                    deferred.holdVote("vote:" + vote.get() + ":" + e.feedbackId(), vote.get(), released);
                } else {
                    reviewers.applyLatest(vote.get(), clock.instant(), key)
                            .ifPresent(applied -> applied.increments().forEach((field, by) -> add.merge(field, by, Long::sum)));
                }
            }
        }
        if (e.needsHandling()) {
            add.put("handled", 1L);
        }
        if (add.isEmpty()) {
            return Optional.empty();
        }
        if (released.isAfter(clock.instant())) {
            // The page's counts move at the item's release, as the enterprise's union first sees it, not as it arrives.
            deferred.hold(key, e.enterprise(), add, released);
            return Optional.empty();
        }
        return Optional.of(stats.counting(key, e.enterprise(), add));
    }

    /** Applies the held counts of anonymous workers' items whose release has come. */
    @Scheduled(fixedDelayString = "${unionhub.feedback.page-release-check:PT30S}", initialDelayString = "PT20S")
    void releaseHeldCounts() {
        try {
            deferred.releaseDue(clock.instant());
        } catch (RuntimeException e) {
            log.warn("Releasing held page counts failed, tried again next run: {}", e.toString());
        }
    }

    /**
     * When the page may show what was done on an item: staff above the enterprise (the district) work an anonymous worker's
     * item before its release, and what they do waits for it with the item's own counts — a reply rate moving, or the item
     * listed as resolved, would tell the chair it exists, and its category, before the chair's own list shows it.
     */
    private Instant shownAt(FeedbackItem item) {
        return release.of(item.submittedAt(), item.content().anonymous());
    }

    private void responded(CaseResponded e) {
        if (e.first() && e.feedbackId() != null) {
            items.byId(e.feedbackId()).ifPresent(item -> {
                Instant shown = shownAt(item);
                if (shown.isAfter(clock.instant())) {
                    deferred.hold("responded:" + item.id(), item.enterprise().uscc(), Map.of("responded", 1L), shown);
                } else {
                    stats.increment(item.enterprise().uscc(), Map.of("responded", 1L));
                }
            });
        }
    }

    private void resolved(CaseResolved e) {
        if (e.feedbackId() != null) {
            items.byId(e.feedbackId()).ifPresent(item -> {
                long minutes = Math.max(0, Duration.between(item.submittedAt(), e.resolvedAt()).toMinutes());
                var resolution = new EnterpriseStats.Resolution(item.id(), e.resolvedAt());
                Instant shown = shownAt(item);
                if (shown.isAfter(clock.instant())) {
                    deferred.holdResolution("resolved:" + item.id() + ":" + e.resolvedAt().toEpochMilli(), item.enterprise().uscc(),
                            EnterpriseStats.resolvedCounts(minutes), resolution, shown);
                } else {
                    stats.resolved(item.enterprise().uscc(), minutes, resolution);
                }
            });
        }
    }
}
