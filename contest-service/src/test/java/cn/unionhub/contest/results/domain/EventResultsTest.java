package cn.unionhub.contest.results.domain;

import static cn.unionhub.contest.fixtures.Contests.CALENDAR;
import static cn.unionhub.contest.fixtures.Contests.COUNTY_OFFICE;
import static cn.unionhub.contest.fixtures.Contests.COUNTY_WELDING;
import static cn.unionhub.contest.fixtures.Contests.LIU_GUOQING;
import static cn.unionhub.contest.fixtures.Contests.beijing;
import static cn.unionhub.contest.fixtures.Contests.registered;
import static cn.unionhub.contest.fixtures.Objections.against;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.unionhub.contest.award.domain.Award;
import cn.unionhub.contest.award.domain.AwardKind;
import cn.unionhub.contest.award.domain.AwardRule;
import cn.unionhub.contest.award.domain.AwardScheme;
import cn.unionhub.contest.certificate.domain.Certificate;
import cn.unionhub.contest.contest.domain.Contest;
import cn.unionhub.contest.contest.domain.TieRule;
import cn.unionhub.events.contest.AwardGranted;
import cn.unionhub.events.contest.CompetitorAdvanced;
import cn.unionhub.events.contest.ResultsFinal;
import cn.unionhub.events.contest.ResultsNoticed;
import cn.unionhub.contest.fixtures.Contests;
import cn.unionhub.contest.fixtures.LedgerBook;
import cn.unionhub.contest.fixtures.People;
import cn.unionhub.contest.judging.domain.ScoreEntry;
import cn.unionhub.contest.judging.domain.ScoreEntry.Item;
import cn.unionhub.contest.judging.domain.ScoreLedger;
import cn.unionhub.contest.notice.domain.Verdict;
import cn.unionhub.contest.ranking.domain.Ranking;
import cn.unionhub.contest.registration.domain.Registration;
import cn.unionhub.events.DomainEvent;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * 长安区's welding event from ranking to final results: thirty welders from five enterprises, the
 * top ten advancing to 石家庄市's contest, results noticed on the eve of National Day.
 */
class EventResultsTest {

    /** 长安区's own awards: a prize for the first three, the district title for the top three, a certificate for all. */
    private static final AwardScheme CHANGAN = AwardScheme.of("changan-2025", "2025年长安区职工职业技能大赛奖励", List.of(
            new AwardRule("first-prize", AwardKind.PRIZE, "一等奖", 1, 1, TieRule.INCLUDE_TIED, Set.of(), 300_000),
            new AwardRule("second-prize", AwardKind.PRIZE, "二等奖", 2, 2, TieRule.INCLUDE_TIED, Set.of(), 200_000),
            new AwardRule("third-prize", AwardKind.PRIZE, "三等奖", 3, 3, TieRule.INCLUDE_TIED, Set.of(), 100_000),
            new AwardRule("top3-expert", AwardKind.TECHNICAL_EXPERT, "长安区技术能手", 1, 3, TieRule.INCLUDE_TIED, Set.of(), 0),
            new AwardRule("finisher-certificate", AwardKind.CERTIFICATE, "获奖证书", 1, null, TieRule.INCLUDE_TIED, Set.of(), 0)));

    private static final Instant NOTICED_AT = beijing("2025-09-30T16:00");
    private static final Instant CLOSES_AT = beijing("2025-10-15T00:00");

    private final Contest county = Contests.county();
    private final LedgerBook book = LedgerBook.countyWelding();
    private final Map<String, Registration> registrations = new LinkedHashMap<>();

    /** Thirty welders, 王建军 (reg-001) best and each next one a little behind. */
    EventResultsTest() {
        for (int i = 0; i < 30; i++) {
            Registration r = registered(String.format("reg-%03d", i + 1), People.employee(i, People.ENTERPRISES.get(i % 5)));
            registrations.put(r.id(), r);
            book.scoreFully(r, 9500 - 100L * i, new long[] {2900 - 40L * i, 2920 - 40L * i, 2880 - 40L * i}, 3900 - 50L * i,
                    1950 - 20L * i, new long[] {950, 960, 940}, 7000 + 10L * i);
        }
    }

    private Ranking ranking() {
        return book.ranking(List.copyOf(registrations.values()));
    }

    private EventResults.Changed noticed() {
        return EventResults.notice("nt-1", county, ranking(), CHANGAN, registrations, 5, CALENDAR, NOTICED_AT);
    }

    private static <T> List<T> eventsOf(List<DomainEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private ScoreEntry inForce(String registrationId, String aspect) {
        return book.sheet(registrations.get(registrationId)).inForce(Item.ASPECT, aspect).orElseThrow();
    }

    @Test
    void resultsGoOnNoticeForFiveWorkingDaysWithTheirAwardsAndTheTopTenAdvancing() {
        EventResults.Changed noticed = noticed();
        EventResults results = noticed.results();

        assertThat(results.status()).isEqualTo(EventResults.Status.NOTICED);
        assertThat(noticed.events()).containsExactly(new ResultsNoticed(COUNTY_WELDING, "ct-2025-130102", "nt-1", 1, NOTICED_AT,
                CLOSES_AT, false, 30, 0, 300));
        assertThat(results.advancing()).extracting(EventResults.Advancing::registrationId)
                .containsExactly("reg-001", "reg-002", "reg-003", "reg-004", "reg-005", "reg-006", "reg-007", "reg-008", "reg-009",
                        "reg-010");
        assertThat(results.advancing()).allSatisfy(a -> assertThat(a.toContestId()).isEqualTo("ct-2025-130100"));
        assertThat(results.awards().of("reg-001")).extracting(a -> a.title()).containsExactly("一等奖", "长安区技术能手", "获奖证书");
        assertThat(results.awards().awards()).filteredOn(a -> a.kind() == AwardKind.CERTIFICATE).hasSize(30);
    }

    @Test
    void anUpheldObjectionCorrectsTheLedgerReRanksAndNoticesAgainBeforeTheResultsAreFinal() {
        // 郭峰 (reg-011), eleventh, just misses the city contest; his 射线探伤 film was marked a grade too low.
        EventResults objected = noticed().results().object("obj-1", against("reg-011", "射线探伤底片评定为III级有误，应为I级，请求复核"),
                beijing("2025-10-09T10:00")).results();
        assertThatThrownBy(() -> objected.finalise(beijing("2025-10-10T09:00")))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("notice-still-open");

        EventResults revising = objected.answer("obj-1", Verdict.UPHELD, "经裁判长复核底片，评定等级有误，予以更正", COUNTY_OFFICE,
                beijing("2025-10-10T10:00")).results();
        assertThat(revising.status()).isEqualTo(EventResults.Status.REVISING);
        assertThatThrownBy(() -> revising.finalise(beijing("2025-10-20T10:00")))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("results-status");
        assertThatThrownBy(() -> revising.renotice("nt-2", county, ranking(), CHANGAN, registrations, CALENDAR, beijing("2025-10-11T09:00")))
                .as("an upheld objection changes the record before anything is noticed again")
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("results-not-revised");
        assertThatThrownBy(() -> revising.object("obj-2", against("reg-012", "再议"), beijing("2025-10-10T11:00")))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("results-status");

        ScoreEntry film = inForce("reg-011", "A2");
        book.correct(registrations.get("reg-011"), LIU_GUOQING, film.sequence(), 3900, "异议成立（obj-1）：底片复核评定为I级");
        EventResults.Changed renoticed = revising.renotice("nt-2", county, ranking(), CHANGAN, registrations, CALENDAR,
                beijing("2025-10-11T09:00"));
        EventResults results = renoticed.results();

        assertThat(renoticed.events()).containsExactly(new ResultsNoticed(COUNTY_WELDING, "ct-2025-130102", "nt-2", 2,
                beijing("2025-10-11T09:00"), beijing("2025-10-18T00:00"), false, 30, 0, 301));
        assertThat(results.ranking().lineOf("reg-011").orElseThrow().rank()).isEqualTo(8);
        assertThat(results.ranking().lineOf("reg-010").orElseThrow().rank()).isEqualTo(11);
        assertThat(results.advancing()).extracting(EventResults.Advancing::registrationId).contains("reg-011").doesNotContain("reg-010");
        assertThat(results.earlierNotices()).extracting(n -> n.id()).containsExactly("nt-1");

        assertThatThrownBy(() -> results.finalise(beijing("2025-10-17T12:00")))
                .as("the new notice runs its full period")
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("notice-still-open");

        EventResults.Changed done = results.finalise(beijing("2025-10-20T09:00"));
        assertThat(done.results().status()).isEqualTo(EventResults.Status.FINAL);
        assertThat(eventsOf(done.events(), ResultsFinal.class)).containsExactly(new ResultsFinal(COUNTY_WELDING, "ct-2025-130102",
                "nt-2", 2, 301, beijing("2025-10-20T09:00")));
        assertThat(eventsOf(done.events(), CompetitorAdvanced.class)).extracting(CompetitorAdvanced::registrationId)
                .hasSize(10).contains("reg-011").doesNotContain("reg-010");
        List<AwardGranted> paid = eventsOf(done.events(), AwardGranted.class).stream().filter(a -> a.amountFen() > 0).toList();
        assertThat(paid).extracting(AwardGranted::registrationId, AwardGranted::amountFen).containsExactly(
                org.assertj.core.groups.Tuple.tuple("reg-001", 300_000L),
                org.assertj.core.groups.Tuple.tuple("reg-002", 200_000L),
                org.assertj.core.groups.Tuple.tuple("reg-003", 100_000L));
        assertThat(paid.get(0).competitorIdHash()).isEqualTo(registrations.get("reg-001").competitor().idHash());

        book.closeAt(beijing("2025-10-20T09:00"));
        assertThatThrownBy(() -> book.correct(registrations.get("reg-010"), LIU_GUOQING, inForce("reg-010", "A2").sequence(), 3900,
                "公示后再改"))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("scores-final");
        assertThat(ScoreLedger.verify(book.entries()).valid()).isTrue();
    }

    @Test
    void rejectedObjectionsLeaveTheResultsAsNoticedAndTheyBecomeFinalWhenTheNoticeCloses() {
        EventResults results = noticed().results()
                .object("obj-1", against("reg-002", "该选手所在单位裁判参与评分"), beijing("2025-10-13T09:00")).results();

        assertThatThrownBy(() -> results.finalise(CLOSES_AT))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("objections-unanswered");

        EventResults answered = results.answer("obj-1", Verdict.REJECTED, "经核查，该选手的评分裁判均与其不在同一单位，已回避", COUNTY_OFFICE,
                beijing("2025-10-15T10:00")).results();
        EventResults.Changed done = answered.finalise(beijing("2025-10-15T10:00"));

        assertThat(done.results().status()).isEqualTo(EventResults.Status.FINAL);
        assertThat(done.results().notice().id()).isEqualTo("nt-1");
        assertThatThrownBy(() -> done.results().object("obj-2", against("reg-003", "迟到的异议"), beijing("2025-10-16T09:00")))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void anObjectionAfterTheNoticeClosedIsRefused() {
        EventResults results = noticed().results();

        assertThatThrownBy(() -> results.object("obj-1", against("reg-011", "评分有误"), CLOSES_AT))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("notice-closed");
    }

    @Test
    void anObjectionConcernsSomeoneOnTheNotice() {
        EventResults results = noticed().results();

        assertThatThrownBy(() -> results.object("obj-1", against("reg-999", "评分有误"), beijing("2025-10-09T10:00")))
                .isInstanceOf(RuleViolationException.class).hasMessageStartingWith("invalid-objection");
    }

    @Test
    void resultsAreNotNoticedWhileAScoreIsUnderReview() {
        Registration late = registered("reg-031", People.employee(30, People.CSPC));
        registrations.put(late.id(), late);
        book.scoreFully(late, 8000, new long[] {2000, 2600, 2700}, 3500, 1800, new long[] {900, 900, 900}, 7100);

        assertThatThrownBy(this::noticed)
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("judging-unfinished");

        book.confirm(late, LIU_GUOQING, "A1", "经裁判长复核，焊缝外观存在明显咬边，三位裁判评分均有依据");
        assertThat(noticed().results().ranking().ranked()).hasSize(31);
    }

    @Test
    void aCompetitorWhoDidNotTurnUpIsListedButDoesNotHoldTheResultsBack() {
        Registration absent = registered("reg-031", People.employee(30, People.CSPC));
        registrations.put(absent.id(), absent);

        EventResults results = noticed().results();

        assertThat(results.ranking().unranked()).extracting(Ranking.Unranked::registrationId).containsExactly("reg-031");
    }

    @Test
    void certificatesAreIssuedForTheAwardsOfFinalResultsOnly() {
        EventResults noticedResults = noticed().results();
        Award expert = noticedResults.awards().of("reg-001").get(1);

        assertThatThrownBy(() -> Certificate.forAward(1, "7KQ2M-X9D4T", county, noticedResults, expert, registrations.get("reg-001"),
                CLOSES_AT))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("results-not-final");

        EventResults done = noticedResults.finalise(CLOSES_AT).results();
        Certificate certificate = Certificate.forAward(1, "7KQ2M-X9D4T", county, done, expert, registrations.get("reg-001"),
                beijing("2025-10-20T10:00")).certificate();
        assertThat(certificate.number().value()).isEqualTo("JS-X130102-2025-000001");
        assertThat(certificate.check("7KQ2M-X9D4T")).satisfies(check -> {
            assertThat(check.outcome()).isEqualTo(Certificate.Outcome.VALID);
            assertThat(check.holderName()).isEqualTo("王建军");
            assertThat(check.title()).isEqualTo("长安区技术能手");
            assertThat(check.issuedFor()).isEqualTo("2025年石家庄市长安区职工职业技能大赛 焊工 第1名");
        });
    }

    @Test
    void theAdvancementRecordsWhereEachCompetitorGoes() {
        List<CompetitorAdvanced> advanced = eventsOf(noticed().results().finalise(CLOSES_AT).events(), CompetitorAdvanced.class);

        assertThat(advanced).hasSize(10).allSatisfy(a -> {
            assertThat(a.toContestId()).isEqualTo("ct-2025-130100");
            assertThat(a.competitorIdHash()).startsWith("psn_");
        });
        assertThat(advanced.get(0).rank()).isEqualTo(1);
    }
}
