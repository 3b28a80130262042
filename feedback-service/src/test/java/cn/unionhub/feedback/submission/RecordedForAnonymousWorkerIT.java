package cn.unionhub.feedback.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.unionhub.feedback.registry.domain.EnterpriseDirectory;
import cn.unionhub.feedback.registry.domain.Memberships;
import cn.unionhub.feedback.submission.domain.Enterprise;
import cn.unionhub.feedback.submission.domain.FeedbackItem;
import cn.unionhub.feedback.submission.domain.RawSubmission;
import cn.unionhub.feedback.submission.domain.Submitter;
import cn.unionhub.feedback.submission.domain.TrackingNumbers;
import cn.unionhub.feedback.submission.store.FeedbackItems;
import cn.unionhub.feedback.timeline.store.WorkerTimelines;
import cn.unionhub.platform.domain.AnonymousRelease;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.platform.identity.Pseudonyms;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * An enterprise union's chair records an on-site talk for a worker who asked to stay anonymous. The chair heard it
 * and wrote it down, so the item's release hides nothing from the chair: the chair finds the item at once. Anyone
 * else on the enterprise side (another of its union's staff) finds it at the release, as any anonymous item.
 */
@IntegrationTest
class RecordedForAnonymousWorkerIT {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Enterprise WORKSHOP = new Enterprise("91330211MA2H3K5Q1G", "宁波富德能源有限公司", "330211", true);
    private static final Actor CHAIR = new Actor("chair-wang-fang", Set.of(Role.ENTERPRISE_UNION), WORKSHOP.uscc(), WORKSHOP.district());
    private static final Actor VICE_CHAIR = new Actor("vice-chair-li-na", Set.of(Role.ENTERPRISE_UNION), WORKSHOP.uscc(), WORKSHOP.district());

    private final Instant ten = LocalDate.now(BEIJING).plusDays(2).atTime(LocalTime.of(10, 0)).atZone(BEIJING).toInstant();
    private final SettableClock clock = new SettableClock(ten.plus(Duration.ofMinutes(20)));

    @Test
    void theChairWhoRecordedItFindsItAtOnceAndTheRestOfTheEnterpriseSideAtTheRelease(@Autowired MongoTemplate mongo,
            @Autowired AggregateStore store, @Autowired FeedbackProperties properties, @Autowired WorkerTimelines timelines,
            @Autowired EnterpriseDirectory directory, @Autowired Memberships memberships, @Autowired FeedbackMetrics metrics) {
        FeedbackItems items = new FeedbackItems(mongo, store, properties, clock, timelines, AnonymousRelease.every(Duration.ofHours(1)));
        SubmissionService service = new SubmissionService(properties, directory, memberships, items,
                new Pseudonyms("test-key-of-the-recorded-talk-test".getBytes(StandardCharsets.UTF_8)), clock, metrics);
        RawSubmission talk = new RawSubmission("COMPLAINT", "CANTEEN_DORMITORY_COMMUTE", "ON_SITE_TALK", WORKSHOP.uscc(),
                "职工反映夜班结束后没有通勤车。", Map.of(), Map.of(), true, "REGULAR", null, null);
        Submitter recorder = new Submitter("psn_recorder_" + UUID.randomUUID(), null, null, null, CHAIR.subject(), null);
        FeedbackItem.Accepted accepted = FeedbackItem.accept(UUID.randomUUID().toString(),
                TrackingNumbers.next(clock.instant(), new java.security.SecureRandom()), properties.rules().check(talk, true), WORKSHOP,
                recorder, clock.instant());
        items.insert(accepted, null);
        String number = accepted.item().trackingNumber();

        assertThat(service.find(number, CHAIR).id()).isEqualTo(accepted.item().id());
        assertThatThrownBy(() -> service.find(number, VICE_CHAIR)).isInstanceOf(NotFoundException.class);
        clock.set(ten.plus(Duration.ofHours(1)));
        assertThat(service.find(number, VICE_CHAIR).id()).isEqualTo(accepted.item().id());
    }
}
