package cn.unionhub.cases.casework.domain;

import cn.unionhub.platform.calendar.SlaClock;
import static cn.unionhub.cases.casework.domain.CaseFixtures.CALENDAR;
import static cn.unionhub.cases.casework.domain.CaseFixtures.CHAIR;
import static cn.unionhub.cases.casework.domain.CaseFixtures.RULES;
import static cn.unionhub.cases.casework.domain.CaseFixtures.beijing;
import static cn.unionhub.cases.casework.domain.CaseFixtures.opened;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.unionhub.events.cases.CaseAccepted;
import cn.unionhub.events.cases.CaseClosed;
import cn.unionhub.events.cases.CaseFirstResponded;
import cn.unionhub.events.cases.CaseOpened;
import cn.unionhub.events.cases.CaseReopened;
import cn.unionhub.events.cases.CaseResolved;
import cn.unionhub.events.cases.CaseResponded;
import cn.unionhub.events.cases.CaseRouted;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CaseLifecycleTest {

    private static final Instant MONDAY_9AM = beijing("2026-11-23T09:00");

    private static Instant later(int minutes) {
        return MONDAY_9AM.plus(Duration.ofMinutes(minutes));
    }

    /** Every step, tried on a case in each status. */
    private static final Map<String, Function<Case, Case.Changed>> STEPS = Map.of(
            "accept", c -> c.accept(CHAIR, later(10)),
            "contact", c -> c.contact(CHAIR, "已电话联系职工和企业人事", later(10)),
            "respond", c -> c.respond(CHAIR, "已向公司反映", List.of(), CALENDAR, later(10)),
            "pause", c -> c.pause(CHAIR, "请补充排班表", later(10)),
            "resolve", c -> c.resolve(CHAIR, Case.Outcome.RESOLVED_BY_ENTERPRISE, "开通通勤车", null, null, CALENDAR, later(10)),
            "close", c -> c.close(Case.By.WORKER, Case.Satisfaction.SATISFIED, "满意", later(10)),
            "reopen", c -> c.reopen(Case.By.WORKER, "晚班没有车", RULES, later(10)));

    /** Which steps each status allows; everything else must answer 409. */
    private static final Map<Case.Status, Set<String>> LEGAL = Map.of(
            Case.Status.ROUTED, Set.of("accept", "respond"),
            Case.Status.ACCEPTED, Set.of("contact", "respond", "pause"),
            Case.Status.CONTACTED, Set.of("respond", "pause"),
            Case.Status.IN_PROGRESS, Set.of("respond", "pause", "resolve"),
            Case.Status.RESOLVED, Set.of("close", "reopen"),
            Case.Status.CLOSED, Set.of(),
            // A reopened case reaches a new desk (one level up), which accepts it as it would a new one.
            Case.Status.REOPENED, Set.of("accept", "respond", "pause"));

    private static Case inStatus(Case.Status status) {
        Case routed = opened(MONDAY_9AM);
        Case answered = routed.respond(CHAIR, "已反映", List.of(), CALENDAR, later(1)).changed();
        Case resolved = answered.resolve(CHAIR, Case.Outcome.RESOLVED_BY_ENTERPRISE, "租大巴", null, null, CALENDAR, later(2)).changed();
        return switch (status) {
            case ROUTED -> routed;
            case ACCEPTED -> routed.accept(CHAIR, later(1)).changed();
            case CONTACTED -> routed.accept(CHAIR, later(1)).changed().contact(CHAIR, "已联系", later(2)).changed();
            case IN_PROGRESS -> answered;
            case RESOLVED -> resolved;
            case CLOSED -> resolved.close(Case.By.WORKER, Case.Satisfaction.SATISFIED, null, later(3)).changed();
            case REOPENED -> resolved.reopen(Case.By.WORKER, "不满意", RULES, later(3)).changed();
        };
    }

    @Test
    void everyStepIsLegalExactlyWhereTheLifeCycleSaysAndOtherwiseAnswersConflict() {
        for (Case.Status status : EnumSet.allOf(Case.Status.class)) {
            for (var step : STEPS.entrySet()) {
                Case c = inStatus(status);
                assertThat(c.status()).isEqualTo(status);
                if (LEGAL.get(status).contains(step.getKey())) {
                    Case.Changed changed = step.getValue().apply(c);
                    assertThat(CaseHistory.verify(changed.changed().history()).valid()).isTrue();
                } else {
                    assertThatThrownBy(() -> step.getValue().apply(c)).as(step.getKey() + " on " + status)
                            .isInstanceOf(ConflictException.class);
                }
            }
        }
    }

    @Test
    void openingRoutesAndSetsDeadlinesOnTheBusinessCalendar() {
        Case.Changed open = Case.open(CaseFixtures.commute("REGULAR"), CaseFixtures.ROUTING.route(new CaseFacts(
                "CANTEEN_DORMITORY_COMMUTE", "REGULAR", "330211", "91330211MA2H3K5Q1G", "宁波富德能源有限公司",
                Case.Priority.NORMAL, Case.Source.FEEDBACK)), RULES, "GD-20261120-CCCCCC", beijing("2026-11-20T15:00"));

        Case c = open.changed();
        assertThat(c.status()).isEqualTo(Case.Status.ROUTED);
        assertThat(c.assignment().organisationName()).isEqualTo("宁波富德能源有限公司工会");
        assertThat(c.deadlines().policy()).isEqualTo("standard");
        assertThat(c.deadlines().firstResponseDueAt()).as("Friday 15:00 + 24 working hours").isEqualTo(beijing("2026-11-23T15:00"));
        assertThat(open.events()).hasExactlyElementsOfTypes(CaseOpened.class, CaseRouted.class);
        assertThat(c.history()).extracting(HistoryEntry::action).containsExactly("OPENED", "ROUTED");
        assertThat(c.slaStatus(beijing("2026-11-21T10:00")).state()).isEqualTo("WITHIN_DEADLINE");
    }

    @Test
    void keyGroupsTakeTheGreenChannelAroundTheClock() {
        Case c = opened(CaseFixtures.commute("GIG_WORKER"), beijing("2026-11-20T15:00"));

        assertThat(c.priority()).isEqualTo(Case.Priority.GREEN_CHANNEL);
        assertThat(c.deadlines().firstResponseDueAt()).isEqualTo(beijing("2026-11-21T03:00"));
    }

    @Test
    void theFirstAnswerStopsTheClockImpliesAcceptanceAndLaterAnswersAreNotFirst() {
        Case.Changed first = opened(MONDAY_9AM).respond(CHAIR, "已向公司反映，正在研究", List.of(), CALENDAR, later(180));
        Case.Changed second = first.changed().respond(CHAIR, "公司已决定租大巴", List.of(), CALENDAR, later(30 * 60));

        assertThat(first.changed().status()).isEqualTo(Case.Status.IN_PROGRESS);
        assertThat(first.events()).hasExactlyElementsOfTypes(CaseAccepted.class, CaseFirstResponded.class, CaseResponded.class);
        CaseFirstResponded firstResponse = (CaseFirstResponded) first.events().get(1);
        assertThat(firstResponse.withinDeadline()).isTrue();
        assertThat(firstResponse.elapsed()).isEqualTo("PT3H");
        assertThat(second.events()).hasExactlyElementsOfTypes(CaseResponded.class);
        assertThat(((CaseResponded) second.events().get(0)).first()).isFalse();
        assertThat(second.changed().deadlines().firstRespondedAt()).isEqualTo(later(180));
    }

    @Test
    void aFirstAnswerAfterTheDeadlineIsRecordedAsLate() {
        Case.Changed late = opened(MONDAY_9AM).respond(CHAIR, "迟到的答复", List.of(), CALENDAR, later(25 * 60));

        assertThat(((CaseFirstResponded) late.events().get(1)).withinDeadline()).isFalse();
    }

    @Test
    void wagesRecoveredNeedTheAmountAndEveryWrongFieldIsReportedAtOnce() {
        Case answered = inStatus(Case.Status.IN_PROGRESS);
        assertThatThrownBy(() -> answered.resolve(CHAIR, Case.Outcome.WAGES_RECOVERED, " ", null, 0, CALENDAR, later(5)))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.violations())
                        .extracting(RuleViolationException.FieldViolation::field).contains("summary"));
        assertThatThrownBy(() -> answered.resolve(CHAIR, Case.Outcome.WAGES_RECOVERED, "追回", null, 0, CALENDAR, later(5)))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.violations())
                        .extracting(RuleViolationException.FieldViolation::field)
                        .containsExactlyInAnyOrder("recoveredAmountFen", "workersHelped"));

        Case.Changed resolved = answered.resolve(CHAIR, Case.Outcome.WAGES_RECOVERED, "追回拖欠工资", 1_250_000L, 1, CALENDAR, later(5));
        assertThat(resolved.changed().resolution().recoveredAmountFen()).isEqualTo(1_250_000L);
        assertThat(((CaseResolved) resolved.events().get(0)).recoveredAmountFen()).isEqualTo(1_250_000L);
    }

    /**
     * The figures of a resolution go into the ledgers and the city's totals: 1 billion yuan recovered for a courier owed
     * 12,500, or money recovered by an unfounded complaint, was accepted before (exploratory test, 2026-12-04).
     */
    @Test
    void theFiguresOfAResolutionMustBePossibleForTheMatter() {
        Case.Matter courier = new Case.Matter("WAGES_ARREARS", "91330211MA2KD0E1XU", null, "330211", "GIG_WORKER",
                "HOTLINE_12351", "快递员反映被拖欠3个月工资", 1_250_000L, 1);

        assertThat(courier.checkRecovery(Case.Outcome.UNFOUNDED, 500_000L, 3)).extracting(v -> v.field() + ":" + v.code())
                .containsExactly("recoveredAmountFen:not-with-unfounded", "workersHelped:not-with-unfounded");
        assertThat(courier.checkRecovery(Case.Outcome.WAGES_RECOVERED, 99_999_999_999L, 5)).extracting(v -> v.field() + ":" + v.code())
                .containsExactly("recoveredAmountFen:at-most-yuan");
        assertThat(courier.checkRecovery(Case.Outcome.WAGES_RECOVERED, 2_500_001L, 1))
                .singleElement().satisfies(v -> {
                    assertThat(v.code()).isEqualTo("more-than-twice-owed");
                    assertThat(v.arguments()).containsExactly("25000");
                });
        assertThat(courier.checkRecovery(Case.Outcome.WAGES_RECOVERED, -100L, 1)).extracting(v -> v.field() + ":" + v.code())
                .as("one reason per field").containsExactly("recoveredAmountFen:not-negative");
        assertThat(courier.checkRecovery(Case.Outcome.WAGES_RECOVERED, 1_250_000L, null)).extracting(v -> v.field() + ":" + v.code())
                .containsExactly("workersHelped:required");

        assertThat(courier.checkRecovery(Case.Outcome.WAGES_RECOVERED, 2_500_000L, 1)).as("arrears plus 100 % compensation").isEmpty();
        assertThat(courier.checkRecovery(Case.Outcome.WAGES_RECOVERED, 6_250_000L, 5)).as("handling found four more couriers").isEmpty();
        assertThat(courier.checkRecovery(Case.Outcome.MEDIATED, 0L, null)).as("mediated, nothing paid").isEmpty();
        assertThat(courier.checkRecovery(Case.Outcome.UNFOUNDED, null, null)).isEmpty();
    }

    @Test
    void aDissatisfiedWorkerReopensTheCaseWithFreshDeadlinesAndItCannotSimplyBeClosed() {
        Case resolved = inStatus(Case.Status.RESOLVED);
        assertThatThrownBy(() -> resolved.close(Case.By.WORKER, Case.Satisfaction.NOT_SATISFIED, null, later(5)))
                .isInstanceOf(ConflictException.class);

        Case.Changed reopened = resolved.reopen(Case.By.WORKER, "职工不满意：晚班没有车", RULES, later(60));
        Case c = reopened.changed();
        assertThat(c.status()).isEqualTo(Case.Status.REOPENED);
        assertThat(c.resolution()).isNull();
        assertThat(c.deadlines().firstRespondedAt()).isNull();
        assertThat(c.deadlines().firstResponseDueAt()).isEqualTo(CALENDAR.plus(later(60), Duration.ofHours(24), SlaClock.WORKING_DAYS));
        assertThat(reopened.events()).hasExactlyElementsOfTypes(CaseReopened.class, CaseRouted.class);
        // Not back to the desk that resolved it: one level up, the enterprise union's district union.
        assertThat(resolved.handledBy().id()).isEqualTo("ENTERPRISE_UNION:91330211MA2H3K5Q1G");
        assertThat(c.handledBy().id()).isEqualTo("DISTRICT_UNION:330211");
        assertThat(c.assignment().organisationName()).isEqualTo("镇海区总工会");
        assertThat(((CaseRouted) reopened.events().get(1)).organisationName()).isEqualTo("镇海区总工会");
        assertThat(c.history().get(c.history().size() - 1).details()).containsEntry("previous", "宁波富德能源有限公司工会");

        Case accepted = c.accept(CHAIR, later(70)).changed();
        assertThat(accepted.status()).isEqualTo(Case.Status.ACCEPTED);
        assertThat(accepted.history().get(accepted.history().size() - 1).text()).isEqualTo("镇海区总工会已受理");
        Case again = accepted.respond(CHAIR, "增开晚班车", List.of(), CALENDAR, later(90)).changed()
                .resolve(CHAIR, Case.Outcome.JOINT_HANDLING, "增开晚班车", null, null, CALENDAR, later(120)).changed();
        Case.Changed closed = again.close(Case.By.WORKER, Case.Satisfaction.PARTLY_SATISFIED, null, later(130));
        assertThat(closed.changed().status()).isEqualTo(Case.Status.CLOSED);
        assertThat(((CaseClosed) closed.events().get(0)).onTime()).isTrue();
    }

    @Test
    void staffCloseHotlineCasesAfterACallBackButNeverTakeTheRatingAwayFromAnAppUser() {
        assertThatThrownBy(() -> inStatus(Case.Status.RESOLVED).close(CHAIR, Case.Satisfaction.SATISFIED, "回访满意", later(5)))
                .isInstanceOf(ConflictException.class);

        Case.Intake call = new Case.Intake("case-hotline-12351-H1", Case.Source.HOTLINE_12351, "H1", null, null,
                CaseFixtures.commute("REGULAR").matter(), false, new Case.By("handler-liu-yang", "HANDLER"));
        Case hotline = CaseFixtures.opened(call, MONDAY_9AM)
                .respond(CHAIR, "已反映", List.of(), CALENDAR, later(1)).changed()
                .resolve(CHAIR, Case.Outcome.RESOLVED_BY_ENTERPRISE, "租大巴", null, null, CALENDAR, later(2)).changed();
        assertThat(hotline.close(CHAIR, Case.Satisfaction.SATISFIED, "回访满意", later(5)).changed().status())
                .isEqualTo(Case.Status.CLOSED);
        // A caller not satisfied at the call-back reopens it one level up, with what they said (it was stuck RESOLVED).
        assertThatThrownBy(() -> hotline.callBackNotSatisfied(CHAIR, " ", RULES, later(5))).isInstanceOf(RuleViolationException.class);
        Case.Changed reopened = hotline.callBackNotSatisfied(CHAIR, "晚班仍然没有车", RULES, later(5));
        assertThat(reopened.changed().status()).isEqualTo(Case.Status.REOPENED);
        assertThat(((CaseReopened) reopened.events().get(0)).reason()).isEqualTo("回访不满意：晚班仍然没有车");
        assertThatThrownBy(() -> inStatus(Case.Status.RESOLVED).callBackNotSatisfied(CHAIR, "不满意", RULES, later(5)))
                .as("an app user's case is theirs to rate").isInstanceOf(ConflictException.class);
    }

    @Test
    void textsMustSaySomethingAndNotTooMuch() {
        assertThatThrownBy(() -> opened(MONDAY_9AM).respond(CHAIR, "  ", List.of(), CALENDAR, later(1)))
                .isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> opened(MONDAY_9AM).respond(CHAIR, "字".repeat(Case.MAX_TEXT + 1), List.of(), CALENDAR, later(1)))
                .isInstanceOf(RuleViolationException.class);
    }

    @Test
    void onlyPublicOpinionCluesAreVerified() {
        assertThatThrownBy(() -> opened(MONDAY_9AM).verifyClue(CHAIR, Case.ClueFinding.CONFIRMED, "属实", later(1)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).as("says why, not a state name")
                        .isEqualTo("case-not-a-clue"));
    }

    @Test
    void aReopenedCaseClimbsOneLevelEachTimeUpToTheCityUnion() {
        Case c = inStatus(Case.Status.RESOLVED);
        List<String> levels = new java.util.ArrayList<>();
        for (int round = 0; round < 3; round++) {
            c = c.reopen(Case.By.WORKER, "不满意", RULES, later(200 + round * 100)).changed()
                    .respond(CHAIR, "再次处理", List.of(), CALENDAR, later(230 + round * 100)).changed()
                    .resolve(CHAIR, Case.Outcome.JOINT_HANDLING, "再次处理", null, null, CALENDAR, later(260 + round * 100)).changed();
            levels.add(c.handledBy().id());
        }
        assertThat(levels).containsExactly("DISTRICT_UNION:330211", "CITY_UNION", "CITY_UNION");
    }

    @Test
    void aTransferMovesTheCaseWithItsReasonOnTheRecordAndTheClockKeepsRunning() {
        Case c = opened(MONDAY_9AM);
        var mediation = new cn.unionhub.cases.routing.domain.HandlingOrganisation(
                cn.unionhub.cases.routing.domain.HandlingOrganisationType.MEDIATION_ORGANISATION, "330211");

        Case.Changed moved = c.transfer(CHAIR, mediation, "镇海区劳动争议调解中心", "涉及劳动争议，需调解", later(30));

        Case t = moved.changed();
        assertThat(t.handledBy()).isEqualTo(mediation);
        assertThat(t.status()).isEqualTo(Case.Status.ROUTED);
        assertThat(t.deadlines().firstResponseDueAt()).isEqualTo(c.deadlines().firstResponseDueAt());
        HistoryEntry last = t.history().get(t.history().size() - 1);
        assertThat(last.action()).isEqualTo("TRANSFERRED");
        assertThat(last.text()).isEqualTo("涉及劳动争议，需调解");
        assertThat(last.details()).containsEntry("fromId", "ENTERPRISE_UNION:91330211MA2H3K5Q1G")
                .containsEntry("toId", "MEDIATION_ORGANISATION:330211");
        assertThat(CaseHistory.verify(t.history()).valid()).isTrue();
        assertThat(moved.events()).singleElement().isInstanceOfSatisfying(CaseRouted.class,
                e -> assertThat(e.rule()).isEqualTo("transferred"));

        assertThatThrownBy(() -> t.transfer(CHAIR, mediation, "镇海区劳动争议调解中心", "再转", later(40)))
                .isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> c.transfer(CHAIR, mediation, "镇海区劳动争议调解中心", " ", later(40)))
                .isInstanceOf(RuleViolationException.class);
        Case closed = inStatus(Case.Status.CLOSED);
        assertThatThrownBy(() -> closed.transfer(CHAIR, mediation, "镇海区劳动争议调解中心", "转", later(40)))
                .isInstanceOf(ConflictException.class);
    }
}
