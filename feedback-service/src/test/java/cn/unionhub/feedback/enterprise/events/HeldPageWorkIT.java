package cn.unionhub.feedback.enterprise.events;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.cases.CaseResolved;
import cn.unionhub.events.cases.CaseResponded;
import cn.unionhub.feedback.enterprise.store.DeferredCounts;
import cn.unionhub.feedback.enterprise.store.EnterpriseStats;
import cn.unionhub.feedback.enterprise.store.PageReviewers;
import cn.unionhub.feedback.submission.FeedbackProperties;
import cn.unionhub.feedback.submission.domain.Enterprise;
import cn.unionhub.feedback.submission.domain.FeedbackItem;
import cn.unionhub.feedback.submission.store.FeedbackItems;
import cn.unionhub.feedback.submission.store.StoredComplaints;
import cn.unionhub.feedback.timeline.store.WorkerTimelines;
import cn.unionhub.platform.domain.AnonymousRelease;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.platform.events.InboundEvents;
import cn.unionhub.platform.identity.ChineseIdentifiers;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.SettableClock;
import cn.unionhub.test.TestEvents;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The district answers and resolves an anonymous worker's complaint within the hour it was filed: the enterprise's
 * public page shows neither — reply and resolution rates unmoved, the item not among what was done lately — until
 * the item's release, when the chair's own list first shows it; a named worker's item moves the page at once.
 * On the real store with hourly releases and the projection's own clock, two days ahead (the service's own release
 * job never finds these due). Events are handed to the projection as its listener receives them.
 */
@IntegrationTest
class HeldPageWorkIT {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Autowired
    MongoTemplate mongo;
    @Autowired
    AggregateStore store;
    @Autowired
    FeedbackProperties properties;
    @Autowired
    WorkerTimelines timelines;
    @Autowired
    InboundEvents inbound;
    @Autowired
    EnterpriseStats stats;
    @Autowired
    PageReviewers reviewers;
    @Autowired
    DeferredCounts deferred;

    private final Instant ten = LocalDate.now(BEIJING).plusDays(2).atTime(LocalTime.of(10, 0)).atZone(BEIJING).toInstant();
    private final SettableClock clock = new SettableClock(ten);
    private final AnonymousRelease hourly = AnonymousRelease.every(Duration.ofHours(1));
    /** An enterprise of this test alone: the service's own projection counts other tests' items elsewhere. */
    private final Enterprise workshop = new Enterprise(uscc(), "宁波测试机械有限公司", "330211", false);

    @Test
    void whatTheDistrictDoesOnAnAnonymousItemShowsOnThePublicPageAtTheItemsRelease() {
        FeedbackItems items = new FeedbackItems(mongo, store, properties, clock, timelines, hourly);
        EnterprisePageProjection projection = new EnterprisePageProjection(inbound, stats, items, reviewers, deferred, hourly, clock);
        FeedbackItem anonymous = file(items, true, Duration.ofMinutes(5));
        FeedbackItem named = file(items, false, Duration.ofMinutes(6));

        clock.set(ten.plus(Duration.ofMinutes(40)));
        for (FeedbackItem item : List.of(anonymous, named)) {
            projection.on(List.of(
                    received(new CaseResponded("case-" + item.id(), "GD-20261206-A1B2C3", item.id(), "DISTRICT_UNION", "已联系企业",
                            true, true, clock.instant())),
                    received(new CaseResolved("case-" + item.id(), "GD-20261206-A1B2C3", item.id(), "RESOLVED_BY_ENTERPRISE", "增开夜班通勤车",
                            null, 1, clock.instant()))));
        }

        EnterpriseStats.Stored before = stats.read(workshop.uscc());
        assertThat(before.stats().responded()).as("the named item only").isEqualTo(1);
        assertThat(before.stats().resolved()).isEqualTo(1);
        assertThat(before.stats().resolvedByHour()).containsExactly(Map.entry(0L, 1L));
        assertThat(before.recentlyResolved()).containsExactly(named.id());

        clock.set(ten.plus(Duration.ofMinutes(59)));
        projection.releaseHeldCounts();
        assertThat(stats.read(workshop.uscc()).stats().responded()).as("a minute before the release").isEqualTo(1);

        clock.set(ten.plus(Duration.ofHours(1)));
        projection.releaseHeldCounts();
        projection.releaseHeldCounts(); // the release job again: nothing twice
        EnterpriseStats.Stored after = stats.read(workshop.uscc());
        assertThat(after.stats().responded()).isEqualTo(2);
        assertThat(after.stats().resolved()).isEqualTo(2);
        assertThat(after.stats().resolvedByHour()).containsExactly(Map.entry(0L, 2L));
        assertThat(after.recentlyResolved()).containsExactlyInAnyOrder(named.id(), anonymous.id());

        // The district resolves it again after the release (reopened by the worker): counted at once, as a named item's.
        clock.set(ten.plus(Duration.ofMinutes(150)));
        projection.on(List.of(received(new CaseResolved("case-" + anonymous.id(), "GD-20261206-A1B2C3", anonymous.id(),
                "RESOLVED_BY_ENTERPRISE", "通勤车已固定班次", null, 1, clock.instant()))));
        assertThat(stats.read(workshop.uscc()).stats().resolved()).isEqualTo(3);
    }

    private FeedbackItem file(FeedbackItems items, boolean anonymous, Duration after) {
        clock.set(ten.plus(after));
        return StoredComplaints.file(items, properties, workshop, anonymous, clock.instant());
    }

    private static ConsumerRecord<String, byte[]> received(DomainEvent event) {
        ProducerRecord<String, byte[]> sent = TestEvents.record(event, UUID.randomUUID().toString());
        ConsumerRecord<String, byte[]> received = new ConsumerRecord<>(sent.topic(), 0, 0L, sent.key(), sent.value());
        sent.headers().forEach(received.headers()::add);
        return received;
    }

    private static String uscc() {
        String prefix = "91330211MA2" + String.format("%06d", new SecureRandom().nextInt(1_000_000));
        return prefix + ChineseIdentifiers.usccCheckCharacter(prefix);
    }
}
