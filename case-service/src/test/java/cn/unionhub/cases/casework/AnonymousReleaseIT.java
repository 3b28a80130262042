package cn.unionhub.cases.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.unionhub.cases.casework.domain.Case;
import cn.unionhub.cases.casework.domain.CaseFacts;
import cn.unionhub.cases.casework.domain.CaseNumbers;
import cn.unionhub.cases.casework.domain.CaseRules;
import cn.unionhub.cases.casework.domain.HistoryEntry;
import cn.unionhub.cases.casework.queue.QueueLog;
import cn.unionhub.cases.casework.store.Cases;
import cn.unionhub.cases.registry.RegisterCopy;
import cn.unionhub.cases.registry.RegisterFixtures;
import cn.unionhub.cases.routing.domain.HandlingOrganisationType;
import cn.unionhub.events.feedback.FeedbackSubmitted;
import cn.unionhub.platform.domain.AnonymousRelease;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.platform.identity.Pseudonyms;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.People;
import cn.unionhub.test.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * An anonymous worker's case reaches its enterprise's own union at the next release (hourly here), not as it
 * is filed: not in the chair's list, not found by number, nothing in the chair's queue log until then — while
 * the district sees it at once. At the release the chair's list shows the batch above the named cases opened
 * before it, ordered by random id, and the queue hears one RELEASED step per case, however often it is told.
 * On the service's real store with its own clock (two days ahead, so the module's watcher never fires these timers).
 */
@IntegrationTest
class AnonymousReleaseIT {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final String FUDE_UNION = "ENTERPRISE_UNION:" + People.Enterprises.FUDE_ENERGY;
    private static final Actor CHAIR = new Actor("chair-wang-fang", Set.of(Role.ENTERPRISE_UNION), People.Enterprises.FUDE_ENERGY, "330211");
    private static final Actor DISTRICT = new Actor("staff-chen-jing", Set.of(Role.DISTRICT_UNION), null, "330211");

    @Autowired
    MongoTemplate mongo;
    @Autowired
    AggregateStore store;
    @Autowired
    CaseRules rules;
    @Autowired
    CaseMetrics metrics;

    private final Instant ten = LocalDate.now(BEIJING).plusDays(2).atTime(LocalTime.of(10, 0)).atZone(BEIJING).toInstant();
    private final SettableClock clock = new SettableClock(ten);
    private QueueLog queues;
    private Cases cases;
    private CaseService service;

    @BeforeEach
    void hourlyReleases(@Autowired RegisterCopy register) {
        RegisterFixtures.registerPilotDistricts(register);
        AnonymousRelease hourly = AnonymousRelease.every(Duration.ofHours(1));
        queues = new QueueLog(mongo, hourly);
        cases = new Cases(mongo, store, rules, clock, queues, hourly);
        service = new CaseService(rules, cases, metrics, clock,
                new Pseudonyms("test-key-of-the-anonymous-release-test".getBytes(StandardCharsets.UTF_8)), queues, hourly);
    }

    @AfterEach
    void stopTheLog() {
        queues.stop();
    }

    @Test
    void theEnterpriseSideSeesAnAnonymousWorkersCaseFromItsReleaseOnAndTheDistrictAtOnce() {
        Case first = open(true, Duration.ofSeconds(5));
        Case second = open(true, Duration.ofMinutes(30));
        Case named = open(false, Duration.ofMinutes(31));
        clock.set(ten.plus(Duration.ofMinutes(59)));

        assertThat(numbers(service.queue(CHAIR, false, null, null, 0, 100))).contains(named.caseNumber())
                .doesNotContain(first.caseNumber(), second.caseNumber());
        assertThat(numbers(service.queue(CHAIR, true, null, null, 0, 100))).as("its work queue too").contains(named.caseNumber())
                .doesNotContain(first.caseNumber(), second.caseNumber());
        assertThatThrownBy(() -> service.find(first.caseNumber(), CHAIR)).isInstanceOf(NotFoundException.class);
        assertThat(service.find(first.caseNumber(), DISTRICT).id()).isEqualTo(first.id());
        assertThat(numbers(service.queue(DISTRICT, false, null, null, 0, 100)))
                .contains(first.caseNumber(), second.caseNumber(), named.caseNumber());
        // The named case's step reached the chair's queue log; the anonymous ones', logged before it, did not.
        await().atMost(Duration.ofSeconds(20)).until(() -> logged(named, "ROUTED") == 1);
        assertThat(logged(first, "ROUTED") + logged(second, "ROUTED")).isZero();

        clock.set(ten.plus(Duration.ofHours(1)));
        List<Case> released = service.queue(CHAIR, false, null, null, 0, 100);
        List<String> batch = numbers(released).subList(0, 2);
        assertThat(batch).containsExactlyInAnyOrder(first.caseNumber(), second.caseNumber());
        assertThat(released.subList(0, 2)).extracting(Case::id).isSorted(); // by random id, not by filing
        assertThat(numbers(released).indexOf(named.caseNumber())).as("below the release: seen before it").isGreaterThan(1);
        assertThat(service.find(first.caseNumber(), CHAIR).id()).isEqualTo(first.id());
        // Its deadlines as the chair sees them run from the window's start (10:00), not from the filing (10:00:05).
        assertThat(service.nowFor(first, CHAIR)).isEqualTo(clock.instant().plusSeconds(5));
        assertThat(service.nowFor(first, DISTRICT)).isEqualTo(clock.instant());
        assertThat(service.nowFor(named, CHAIR)).isEqualTo(clock.instant());

        assertThat(service.releaseAnonymousCases()).isEqualTo(2);
        assertThat(service.releaseAnonymousCases()).as("each release told once").isZero();
        queues.released(cases.byId(first.id()).orElseThrow(), clock.instant()); // told again: still one step
        assertThat(logged(first, "RELEASED")).isEqualTo(1);
        assertThat(logged(second, "RELEASED")).isEqualTo(1);
        assertThat(logged(named, "RELEASED")).isZero();
        Document step = mongo.findOne(entry(first, "RELEASED"), Document.class, "case_queue_entries");
        assertThat(step.get("body", Document.class).getDate("at").toInstant()).isEqualTo(ten.plus(Duration.ofHours(1)));

        // The chair works the case at once; the worker's rating at 11:20 reaches the chair's queue at 12:00, as the case did.
        clock.set(ten.plus(Duration.ofMinutes(70)));
        service.accept(first.caseNumber(), CHAIR);
        service.respond(first.caseNumber(), "已安排夜班通勤车", List.of(), CHAIR);
        service.resolve(first.caseNumber(), Case.Outcome.RESOLVED_BY_ENTERPRISE, "公司已安排夜班通勤车", null, null, CHAIR);
        clock.set(ten.plus(Duration.ofMinutes(80)));
        cases.change(first.id(), c -> c.close(Case.By.WORKER, Case.Satisfaction.SATISFIED, "职工评价：SATISFIED", clock.instant()),
                written -> { });
        service.accept(named.caseNumber(), CHAIR); // logged after the rating, in the same queue
        await().atMost(Duration.ofSeconds(20)).until(() -> logged(named, "ACCEPTED") == 1);
        assertThat(logged(first, "RESOLVED")).as("the chair's own steps at once").isEqualTo(1);
        assertThat(logged(first, "CLOSED")).as("the worker's step: not before the next release").isZero();

        // Not satisfied with the second: reopened and routed up to the district at 11:25. The chair's queue hears
        // neither the reopening nor the case leaving it (which says the same) before 12:00.
        service.accept(second.caseNumber(), CHAIR);
        service.respond(second.caseNumber(), "已协调食堂", List.of(), CHAIR);
        service.resolve(second.caseNumber(), Case.Outcome.RESOLVED_BY_ENTERPRISE, "食堂延长供餐", null, null, CHAIR);
        clock.set(ten.plus(Duration.ofMinutes(85)));
        cases.change(second.id(), c -> c.reopen(Case.By.WORKER, "没有改善", rules, clock.instant()), written -> { });
        service.respond(named.caseNumber(), "已转交", List.of(), CHAIR); // logged after the reopening, in the same queue
        await().atMost(Duration.ofSeconds(20)).until(() -> logged(named, "RESPONDED") == 1);
        assertThat(logged(second, "REOPENED") + logged(second, "ROUTED")).isZero();
        // Nor is it shown them: until 12:00 the chair sees both as they were before the ratings, resolved and unrated,
        // in its lists too, whatever it filters by. The district sees them as they are.
        Case shownFirst = service.shownTo(service.find(first.caseNumber(), CHAIR), CHAIR);
        assertThat(shownFirst.status()).isEqualTo(Case.Status.RESOLVED);
        assertThat(shownFirst.resolution().satisfaction()).isNull();
        assertThat(shownFirst.deadlines().closedAt()).isNull();
        assertThat(shownFirst.history()).extracting(HistoryEntry::action).doesNotContain("CLOSED");
        Case shownSecond = service.shownTo(service.find(second.caseNumber(), CHAIR), CHAIR);
        assertThat(shownSecond.status()).isEqualTo(Case.Status.RESOLVED);
        assertThat(shownSecond.handledBy().id()).isEqualTo(FUDE_UNION);
        assertThat(shownSecond.history()).extracting(HistoryEntry::action).doesNotContain("REOPENED");
        assertThat(service.verify(second.caseNumber(), CHAIR).entries()).isEqualTo(shownSecond.history().size());
        assertThat(numbers(service.queue(CHAIR, false, List.of(Case.Status.RESOLVED), null, 0, 100)))
                .contains(first.caseNumber(), second.caseNumber());
        assertThat(numbers(service.queue(CHAIR, false, List.of(Case.Status.CLOSED, Case.Status.REOPENED), null, 0, 100)))
                .doesNotContain(first.caseNumber(), second.caseNumber());
        assertThat(service.queue(CHAIR, false, null, null, 0, 100)).filteredOn(c -> c.id().equals(first.id()))
                .extracting(Case::status).containsExactly(Case.Status.RESOLVED);
        assertThat(service.shownTo(service.find(first.caseNumber(), DISTRICT), DISTRICT).status()).isEqualTo(Case.Status.CLOSED);
        assertThat(numbers(service.queue(DISTRICT, false, List.of(Case.Status.CLOSED), null, 0, 100))).contains(first.caseNumber());

        // Nor do the chair's steps tell: refused as the resolved case refuses them (409 naming RESOLVED), not as the
        // closed one ("CLOSED") or one that left its queue (403), and nothing changes.
        for (Case held : List.of(first, second)) {
            assertThatThrownBy(() -> service.respond(held.caseNumber(), "补充答复", List.of(), CHAIR))
                    .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.arguments()).contains("RESOLVED")
                            .doesNotContain("CLOSED", "REOPENED"));
            assertThatThrownBy(() -> service.transfer(held.caseNumber(), HandlingOrganisationType.DISTRICT_UNION, null, "请区总处理", CHAIR))
                    .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.arguments()).contains("RESOLVED"));
        }
        assertThat(cases.byId(second.id()).orElseThrow().handledBy().id()).isEqualTo("DISTRICT_UNION:330211");
        assertThat(cases.byId(first.id()).orElseThrow().status()).isEqualTo(Case.Status.CLOSED);

        clock.set(ten.plus(Duration.ofMinutes(119)));
        assertThat(service.releaseAnonymousCases()).isZero();
        clock.set(ten.plus(Duration.ofHours(2)));
        assertThat(service.releaseAnonymousCases()).isEqualTo(2);
        assertThat(logged(first, "CLOSED")).isEqualTo(1);
        assertThat(logged(second, "REOPENED")).isEqualTo(1);
        assertThat(logged(second, "ROUTED")).as("the case leaving the chair's queue").isEqualTo(1);
        assertThat(service.shownTo(service.find(first.caseNumber(), CHAIR), CHAIR).status()).isEqualTo(Case.Status.CLOSED);
        assertThat(service.shownTo(service.find(second.caseNumber(), CHAIR), CHAIR).status()).isEqualTo(Case.Status.REOPENED);
        assertThat(numbers(service.queue(CHAIR, false, List.of(Case.Status.CLOSED), null, 0, 100))).contains(first.caseNumber());
    }

    /**
     * A worker files at 10:59:59.990 and the case opens at 11:00:00.040, when the event arrives. The item reaches
     * the chair at 11:00 (feedback-service times it by its filing); so must the case, or its hour later would
     * tell that it was filed just before a release.
     */
    @Test
    void aCaseFiledJustBeforeAReleaseGoesOutWithItsItemNotAReleaseLater() {
        Instant filed = ten.plus(Duration.ofMinutes(59)).plusSeconds(59).plusMillis(990);
        clock.set(ten.plus(Duration.ofHours(1)).plusMillis(40));
        String feedbackId = "fb-release-" + UUID.randomUUID();
        FeedbackSubmitted submitted = new FeedbackSubmitted(feedbackId, "ZGDP-20261121-RLSE01", "COMPLAINT", "CANTEEN_DORMITORY_COMMUTE",
                "MINI_PROGRAM", true, "REGULAR", People.Enterprises.FUDE_ENERGY, "宁波富德能源有限公司", "330211", true,
                "夜班没有通勤车", java.util.Map.of(), java.util.Map.of(), filed);
        Case opened = service.open(service.intakeOf(submitted).orElseThrow()).opened();
        assertThat(opened.deadlines().openedAt()).isAfter(ten.plus(Duration.ofHours(1)));
        assertThat(opened.filedAt()).isEqualTo(filed);

        assertThat(service.find(opened.caseNumber(), CHAIR).id()).as("released at 11:00, with the item").isEqualTo(opened.id());
        assertThat(numbers(service.queue(CHAIR, false, null, null, 0, 100))).contains(opened.caseNumber());
        // Its opening's steps, at 11:00:00.040, do not reach the chair's queue log: that time is the late event's.
        Case named = open(false, Duration.ofHours(1).plusMillis(50));
        await().atMost(Duration.ofSeconds(20)).until(() -> logged(named, "ROUTED") == 1);
        assertThat(logged(opened, "OPENED") + logged(opened, "ROUTED")).isZero();
        assertThat(service.releaseAnonymousCases()).isEqualTo(1);
        Document step = mongo.findOne(entry(opened, "RELEASED"), Document.class, "case_queue_entries");
        assertThat(step.get("body", Document.class).getDate("at").toInstant()).isEqualTo(ten.plus(Duration.ofHours(1)));
        // Its deadlines as the chair sees them run from the start of the filing's window (10:00), not of the opening's.
        assertThat(service.nowFor(opened, CHAIR))
                .isEqualTo(clock.instant().plus(Duration.between(ten, opened.deadlines().openedAt())));

        // A staff-opened case has no filing time of its own: the opening times it, as before.
        Case byHotline = open(true, Duration.ofMinutes(70));
        assertThat(byHotline.filedAt()).isEqualTo(byHotline.deadlines().openedAt());
        assertThatThrownBy(() -> service.find(byHotline.caseNumber(), CHAIR)).isInstanceOf(NotFoundException.class);
    }

    private Case open(boolean anonymous, Duration after) {
        clock.set(ten.plus(after));
        String id = "case-release-" + UUID.randomUUID();
        Case.Intake intake = new Case.Intake(id, Case.Source.HOTLINE_12351, id, null, null,
                new Case.Matter("CANTEEN_DORMITORY_COMMUTE", People.Enterprises.FUDE_ENERGY, "宁波富德能源有限公司", "330211", "REGULAR",
                        "HOTLINE_12351", "夜班没有通勤车", null, null, anonymous), false, Case.By.SYSTEM);
        Case.Changed opened = Case.open(intake, rules.routing().route(CaseFacts.of(intake.matter(), Case.Priority.NORMAL,
                intake.source())), rules, CaseNumbers.next(clock.instant(), new java.security.SecureRandom()), clock.instant());
        assertThat(opened.changed().handledBy().id()).isEqualTo(FUDE_UNION);
        cases.insert(opened);
        return opened.changed();
    }

    private static List<String> numbers(List<Case> cases) {
        return cases.stream().map(Case::caseNumber).toList();
    }

    private long logged(Case c, String action) {
        return mongo.count(entry(c, action), "case_queue_entries");
    }

    /** The entry in the enterprise union's own queue log (whose keys start with the organisation's id). */
    private static Query entry(Case c, String action) {
        return new Query(Criteria.where("_id").regex("^" + java.util.regex.Pattern.quote(FUDE_UNION + ":"))
                .and("body.caseNumber").is(c.caseNumber()).and("body.action").is(action));
    }
}
