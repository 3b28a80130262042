package cn.unionhub.membercard.hardship.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.unionhub.events.membercard.HardshipCertificateIssued;
import cn.unionhub.events.membercard.HardshipCertificateRevoked;
import cn.unionhub.membercard.hardship.domain.HardshipRules.Cause;
import cn.unionhub.membercard.hardship.domain.HardshipRules.Concession;
import cn.unionhub.membercard.hardship.domain.HardshipRules.Ground;
import cn.unionhub.membercard.hardship.domain.HardshipRules.IncomeTest;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.DomainException;
import cn.unionhub.platform.domain.RuleViolationException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The 特困职工证 rules and procedure, without a store: grounds, every step, the annual review, revocation. */
class HardshipFileTest {

    private static final long MINIMUM = 80_000;
    private static final YearMonth APPLIED = YearMonth.of(2026, 11);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
    private static final Instant NOW = Instant.parse("2026-11-30T02:00:00Z");
    private static final Concession HEATING = new Concession("heating", "暖", "供热企业", "供暖费每平方米优惠 5 元", null, 500L, "m2");
    private static final HardshipRules RULES = new HardshipRules(1, MINIMUM, new IncomeTest(6, 100), new IncomeTest(1, 130),
            Set.of(Cause.ILLNESS, Cause.SCHOOLING, Cause.DISASTER, Cause.ACCIDENT), 12, 60, List.of(HEATING), NOW, "city");

    private final AtomicInteger numbers = new AtomicInteger();

    @Test
    void householdIncomeBelowTheMinimumInEachOfTheLastSixFullMonthsIsAGround() {
        assertThat(RULES.evaluate(incomes(6, 79_999), APPLIED).met()).containsExactly(Ground.LOW_INCOME);
        assertThat(RULES.evaluate(incomes(5, 60_000), APPLIED).unmet()).as("five months are not six").containsExactly(Ground.LOW_INCOME);
        assertThat(RULES.evaluate(incomes(6, 80_000), APPLIED).eligible()).as("at the minimum is not below it").isFalse();
        List<Facts.MonthlyIncome> oneGood = new ArrayList<>(incomes(6, 50_000).incomes());
        oneGood.set(2, new Facts.MonthlyIncome(oneGood.get(2).month(), 90_000));
        assertThat(RULES.evaluate(facts(null, false, oneGood, null), APPLIED).eligible()).as("not consecutive").isFalse();
    }

    @Test
    void slightlyAboveTheMinimumCountsOnlyWithACauseTheRulesList() {
        List<Facts.MonthlyIncome> lastMonth = List.of(new Facts.MonthlyIncome(APPLIED.minusMonths(1), 100_000));
        assertThat(RULES.evaluate(facts(null, false, lastMonth, Cause.ILLNESS), APPLIED).met()).containsExactly(Ground.NEAR_MINIMUM_WITH_CAUSE);
        assertThat(RULES.evaluate(facts(null, false, lastMonth, null), APPLIED).eligible()).as("no cause").isFalse();
        List<Facts.MonthlyIncome> wellAbove = List.of(new Facts.MonthlyIncome(APPLIED.minusMonths(1), 104_000));
        assertThat(RULES.evaluate(facts(null, false, wellAbove, Cause.ILLNESS), APPLIED).unmet()).as("130 % is not slightly above")
                .containsExactly(Ground.LOW_INCOME, Ground.NEAR_MINIMUM_WITH_CAUSE);
        HardshipRules noDisasters = RULES.next(MINIMUM, RULES.lowIncome(), RULES.nearMinimum(), Set.of(Cause.ILLNESS), 12, 60,
                RULES.concessions(), NOW, "city");
        assertThat(noDisasters.evaluate(facts(null, false, lastMonth, Cause.DISASTER), APPLIED).eligible()).isFalse();
        assertThat(noDisasters.version()).isEqualTo(2);
        assertThat(RULES.evaluate(facts("临困档-0126", false, List.of(), null), APPLIED).met()).containsExactly(Ground.ON_FILE);
    }

    @Test
    void anApplicationThatMeetsNoGroundIsRefusedAndChangesNothing() {
        HardshipFile file = HardshipFile.open("M1", "371302", "91371300MA3C000001");
        Facts poorButNotEnough = incomes(6, 85_000);
        assertThatThrownBy(() -> file.apply(poorButNotEnough, RULES.evaluate(poorButNotEnough, APPLIED), RULES, TODAY, NOW, "eu"))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.violations()).extracting(v -> v.code())
                        .containsExactly("hardship-ground-unmet-LOW_INCOME"));
        assertThat(file.applications()).isEmpty();
        assertThatThrownBy(() -> facts(null, false, List.of(), null)).isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> incomes(6, 1).checkedAt(YearMonth.of(2026, 10))).as("a month not over yet")
                .isInstanceOf(RuleViolationException.class);
    }

    @Test
    void theEnterpriseUnionAppliesTheDistrictVerifiesOrReturnsAndTheCityIssues() {
        HardshipFile file = applied(HardshipFile.open("M1", "371302", "91371300MA3C000001"));
        String id = file.current().orElseThrow().id();
        assertThat(id).isEqualTo("M1-1");
        assertThat(HardshipFile.memberOf(id)).contains("M1");

        assertThatThrownBy(() -> file.verify(id, false, " ", NOW, "district")).isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> decide(file, id, true)).as("not verified yet").isInstanceOf(ConflictException.class);
        HardshipFile returned = file.verify(id, false, "请补充近六个月收入证明", NOW, "district").file();
        assertThat(returned.application(id).status()).isEqualTo(HardshipFile.Status.RETURNED);
        assertThat(returned.verify(id, false, "请补充近六个月收入证明", NOW, "district").file()).as("the same return again").isEqualTo(returned);

        Facts amended = incomes(6, 70_000);
        HardshipFile resubmitted = returned.resubmit(id, amended, RULES.evaluate(amended, APPLIED), NOW, "eu").file();
        HardshipFile verified = resubmitted.verify(id, true, null, NOW, "district").file();
        HardshipFile.Changed issued = decide(verified, id, true);

        HardshipFile.Certificate certificate = issued.file().certificate();
        assertThat(certificate.number()).isEqualTo("TK1");
        assertThat(certificate.validUntil()).isEqualTo(LocalDate.of(2027, 11, 29));
        assertThat(certificate.status(TODAY)).isEqualTo(HardshipFile.CertificateStatus.VALID);
        assertThat(certificate.status(LocalDate.of(2027, 11, 30))).isEqualTo(HardshipFile.CertificateStatus.EXPIRED);
        assertThat(issued.events()).singleElement().isInstanceOfSatisfying(HardshipCertificateIssued.class, e -> {
            assertThat(e.validUntil()).isEqualTo("2027-11-29");
            assertThat(e.renewal()).isFalse();
        });
        assertThat(issued.file().application(id).steps()).extracting(HardshipFile.Step::action)
                .containsExactly("SUBMITTED", "RETURNED", "RESUBMITTED", "VERIFIED", "ISSUED");

        HardshipFile.Changed again = decide(issued.file(), id, true);
        assertThat(again.file()).isEqualTo(issued.file());
        assertThat(again.events()).as("issuing twice issues once").isEmpty();
        assertThat(numbers).hasValue(1);
        assertThatThrownBy(() -> issued.file().decide(id, false, "不符合", RULES.evaluate(amended, APPLIED), RULES, this::number, TODAY,
                NOW, "city")).isInstanceOfSatisfying(ConflictException.class, e -> assertThat(code(e)).isEqualTo("hardship-already-decided"));
    }

    @Test
    void theCityRefusesWithAReasonAndTheMemberMayApplyAgain() {
        HardshipFile file = applied(HardshipFile.open("M1", "371302", null));
        String id = file.current().orElseThrow().id();
        HardshipFile verified = file.verify(id, true, null, NOW, "district").file();
        assertThatThrownBy(() -> decide(verified, id, false)).as("a refusal owes a reason").isInstanceOf(RuleViolationException.class);
        HardshipFile refused = verified.decide(id, false, "家庭收入已超过标准", null, RULES, this::number, TODAY, NOW, "city").file();
        assertThat(refused.application(id).reason()).isEqualTo("家庭收入已超过标准");
        assertThat(refused.certificate()).isNull();
        assertThat(applied(refused).current().orElseThrow().id()).isEqualTo("M1-2");
    }

    @Test
    void aDecisionJudgesTheFactsAgainByTheRulesInForce() {
        HardshipFile file = applied(HardshipFile.open("M1", "371302", null));
        String id = file.current().orElseThrow().id();
        HardshipFile verified = file.verify(id, true, null, NOW, "district").file();
        HardshipRules lowerMinimum = RULES.next(60_000, RULES.lowIncome(), RULES.nearMinimum(), RULES.causes(), 12, 60,
                RULES.concessions(), NOW, "city");
        Facts stated = verified.application(id).facts();
        assertThatThrownBy(() -> verified.decide(id, true, null, lowerMinimum.evaluate(stated, APPLIED), lowerMinimum, this::number, TODAY,
                NOW, "city")).isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(code(e)).isEqualTo("hardship-not-eligible"));
        assertThat(numbers).as("no number taken for a certificate not issued").hasValue(0);
    }

    @Test
    void onlyOneApplicationAtATimeAndTheAnnualReviewRenewsTheSameCertificate() {
        HardshipFile file = applied(HardshipFile.open("M1", "371302", null));
        assertThatThrownBy(() -> applied(file)).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(code(e)).isEqualTo("hardship-application-open"));
        HardshipFile holder = issue(file);
        assertThatThrownBy(() -> applied(holder)).as("ten months before it ends")
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(code(e)).isEqualTo("hardship-certificate-valid"));

        LocalDate reviewDay = LocalDate.of(2027, 10, 15);
        Facts stillPoor = incomes(6, 60_000, YearMonth.from(reviewDay));
        HardshipFile review = holder.apply(stillPoor, RULES.evaluate(stillPoor, YearMonth.from(reviewDay)), RULES, reviewDay, NOW, "eu").file();
        HardshipFile.Application renewal = review.current().orElseThrow();
        assertThat(renewal.kind()).isEqualTo(HardshipFile.Kind.RENEWAL);
        HardshipFile verified = review.verify(renewal.id(), true, null, NOW, "district").file();
        HardshipFile.Changed renewed = verified.decide(renewal.id(), true, null, renewal.evaluation(), RULES, this::number, reviewDay,
                NOW, "city");
        assertThat(renewed.file().certificate().number()).isEqualTo(holder.certificate().number());
        assertThat(renewed.file().certificate().validUntil()).as("a year past the day the old one ends").isEqualTo(LocalDate.of(2028, 11, 29));
        assertThat(renewed.file().certificate().renewals()).isEqualTo(1);
        assertThat(renewed.events()).singleElement().isInstanceOfSatisfying(HardshipCertificateIssued.class,
                e -> assertThat(e.renewal()).isTrue());
        assertThat(numbers).hasValue(1);
    }

    @Test
    void revocationEndsTheCertificateAndAnOpenReviewOnceAndWithAReason() {
        HardshipFile holder = issue(applied(HardshipFile.open("M1", "371302", null)));
        LocalDate reviewDay = LocalDate.of(2027, 10, 15);
        Facts facts = incomes(6, 60_000, YearMonth.from(reviewDay));
        HardshipFile reviewing = holder.apply(facts, RULES.evaluate(facts, YearMonth.from(reviewDay)), RULES, reviewDay, NOW, "eu").file();
        assertThatThrownBy(() -> reviewing.revoke("", NOW, "city")).isInstanceOf(RuleViolationException.class);

        HardshipFile.Changed revoked = reviewing.revoke("家庭收入已明显改善", NOW, "city");
        assertThat(revoked.file().certificate().status(reviewDay)).isEqualTo(HardshipFile.CertificateStatus.REVOKED);
        assertThat(revoked.file().current().orElseThrow().status()).isEqualTo(HardshipFile.Status.REFUSED);
        assertThat(revoked.events()).singleElement().isInstanceOf(HardshipCertificateRevoked.class);
        assertThat(revoked.file().revoke("again", NOW, "city").events()).isEmpty();
        assertThat(applied(revoked.file()).current().orElseThrow().kind()).as("applying afresh").isEqualTo(HardshipFile.Kind.NEW);
    }

    @Test
    void aPricedConcessionIsWorkedOutOnTheBillAsTheSeedTellsIt() {
        // 85 m² at 23 yuan is 1,955 yuan; 5 yuan off per m² is 425 yuan.
        assertThat(HEATING.discountFen(85, 2_300)).isEqualTo(42_500);
        assertThat(HEATING.discountFen(10, 300)).as("never more than the price").isEqualTo(3_000);
        Concession described = new Concession("medical", "医疗", "医保局", "医疗救助", null, null, null);
        assertThatThrownBy(() -> described.discountFen(1, 100)).isInstanceOf(RuleViolationException.class);
    }

    private HardshipFile applied(HardshipFile file) {
        Facts facts = incomes(6, 70_000);
        return file.apply(facts, RULES.evaluate(facts, APPLIED), RULES, TODAY, NOW, "eu").file();
    }

    private HardshipFile issue(HardshipFile file) {
        String id = file.current().orElseThrow().id();
        return decide(file.verify(id, true, null, NOW, "district").file(), id, true).file();
    }

    private HardshipFile.Changed decide(HardshipFile file, String id, boolean issue) {
        return file.decide(id, issue, null, file.application(id).evaluation(), RULES, this::number, TODAY, NOW, "city");
    }

    private String number() {
        return "TK" + numbers.incrementAndGet();
    }

    private static Facts incomes(int months, long perHead) {
        return incomes(months, perHead, APPLIED);
    }

    private static Facts incomes(int months, long perHead, YearMonth applied) {
        List<Facts.MonthlyIncome> incomes = new ArrayList<>();
        for (int back = months; back >= 1; back--) {
            incomes.add(new Facts.MonthlyIncome(applied.minusMonths(back), perHead));
        }
        return facts(null, false, incomes, null);
    }

    private static Facts facts(String onFile, boolean paired, List<Facts.MonthlyIncome> incomes, Cause cause) {
        return new Facts(onFile, paired, 3, incomes, cause, null);
    }

    private static String code(DomainException e) {
        return e.code();
    }
}
