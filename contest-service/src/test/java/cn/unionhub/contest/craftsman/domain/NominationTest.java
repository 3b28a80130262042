package cn.unionhub.contest.craftsman.domain;

import static cn.unionhub.contest.fixtures.Contests.CALENDAR;
import static cn.unionhub.contest.fixtures.Contests.beijing;
import static cn.unionhub.contest.fixtures.Objections.against;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.unionhub.contest.certificate.domain.Certificate;
import cn.unionhub.contest.contest.domain.Tier;
import cn.unionhub.contest.craftsman.domain.Nomination.ExpertReviewed;
import cn.unionhub.contest.craftsman.domain.Nomination.Nominee;
import cn.unionhub.events.contest.CraftsmanConferred;
import cn.unionhub.events.contest.CraftsmanNominated;
import cn.unionhub.events.contest.CraftsmanNoticed;
import cn.unionhub.events.contest.CraftsmanRejected;
import cn.unionhub.contest.fixtures.People;
import cn.unionhub.contest.notice.domain.Verdict;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 2025年度"上海工匠": nominated by unit, association or self; self-evaluation, central review, experts, notice. */
class NominationTest {

    private static final People.Enterprise SHANGHAI_ELECTRIC = new People.Enterprise(People.uscc("91310000", "132206371"),
            "上海电气集团股份有限公司");
    private static final People.Enterprise JIANGNAN_SHIPYARD = new People.Enterprise(People.uscc("91310000", "132283519"),
            "江南造船（集团）有限责任公司");
    private static final People.Enterprise HUASHAN_HOSPITAL = new People.Enterprise(People.uscc("12310000", "425006117"),
            "复旦大学附属华山医院");

    private static final Nominee SHEN_WEIDONG = nominee(101, "沈卫东", SHANGHAI_ELECTRIC, "汽轮机装配钳工");
    private static final Nominee QIAN_LIQUN = nominee(102, "钱立群", JIANGNAN_SHIPYARD, "船舶电焊工");
    private static final Nominee XU_XIAOYAN = nominee(103, "许晓燕", HUASHAN_HOSPITAL, "医学装备维修技师");

    private static final Instant NOMINATED_AT = beijing("2025-04-20T10:00");
    private static final Instant NOTICED_AT = beijing("2025-09-26T17:00");
    /** Five working days from Friday 26 September 2025: Sunday 28 (worked), 29, 30 September, then 9 and 10 October. */
    private static final Instant NOTICE_CLOSES = beijing("2025-10-11T00:00");

    private static final Expert CHEN_GUOHUA = new Expert("expert-chen-guohua", "陈国华", null);
    private static final Expert SHEN_JIANPING = new Expert("expert-shen-jianping", "沈建平", SHANGHAI_ELECTRIC.uscc());
    private static final List<Expert> PANEL = List.of(CHEN_GUOHUA, SHEN_JIANPING, new Expert("expert-lu-wenbin", "陆文斌", null),
            new Expert("expert-gu-min", "顾敏", null), new Expert("expert-jiang-lixin", "蒋立新", null),
            new Expert("expert-wu-zhiyuan", "吴志远", null));

    private static Nominee nominee(int n, String name, People.Enterprise at, String occupation) {
        return new Nominee(People.idHash(n), name, at.uscc(), at.name(), occupation);
    }

    private static CraftsmanBatch batch(Integer quota) {
        CraftsmanBatch batch = CraftsmanBatch.plan("gj-2025-310000", new CraftsmanBatch.Plan("2025年度“上海工匠”", Tier.PROVINCE, "310000",
                2025, "上海市总工会", beijing("2025-05-29T00:00"), 5, quota, 5), beijing("2025-04-01T09:00"));
        for (Expert e : PANEL) {
            batch = batch.withExpert(e);
        }
        return batch;
    }

    private static final CraftsmanBatch BATCH = batch(null);

    private static Nomination.Form byUnit(Nominee n) {
        return new Nomination.Form(n, NominationChannel.UNIT, n.enterprise(), "主持完成百万千瓦级汽轮机转子装配工艺改进，装配精度提升至0.02毫米");
    }

    private static Nomination nominated(String id, Nominee n) {
        return Nomination.nominate(id, BATCH, byUnit(n), List.of(), NOMINATED_AT).nomination();
    }

    /** Through self-evaluation, review and five experts' scores (in hundredths), one minute apart. */
    private static ExpertReviewed expertReviewed(String id, Nominee n, long... scores) {
        Nomination nomination = nominated(id, n)
                .selfEvaluate("从业二十二年，带徒三十余人，获全国技术能手称号", beijing("2025-05-10T10:00")).nomination()
                .passReview("office-shanghai-union", "材料齐全，符合申报条件", beijing("2025-06-20T10:00")).nomination();
        List<Expert> scoring = PANEL.stream().filter(e -> e.enterprise() == null || !e.enterprise().equals(n.enterprise())).limit(5)
                .toList();
        for (int i = 0; i < scores.length; i++) {
            nomination = nomination.scoreByExpert(BATCH, scoring.get(i).id(), scores[i], beijing("2025-07-15T10:00").plusSeconds(60L * i))
                    .nomination();
        }
        return (ExpertReviewed) nomination.completeExpertReview(BATCH, beijing("2025-07-16T10:00")).nomination();
    }

    @Test
    void aNomineeGoesFromNominationThroughReviewAndNoticeToConferral() {
        Nomination.Changed nominated = Nomination.nominate("nom-001", BATCH, byUnit(SHEN_WEIDONG), List.of(), NOMINATED_AT);
        assertThat(nominated.nomination().stage()).isEqualTo(Stage.NOMINATED);
        assertThat(nominated.events()).containsExactly(new CraftsmanNominated("nom-001", "gj-2025-310000", "UNIT", NOMINATED_AT));

        ExpertReviewed reviewed = expertReviewed("nom-001", SHEN_WEIDONG, 9200, 8850, 9400, 9000, 9100);
        assertThat(reviewed.meanScore()).hasToString("91.10");

        CraftsmanBatch.Changed noticed = BATCH.openNotice("nt-gj-1", List.of(reviewed), CALENDAR, NOTICED_AT);
        assertThat(noticed.batch().notice().closesAt()).isEqualTo(NOTICE_CLOSES);
        assertThat(noticed.events()).containsExactly(new CraftsmanNoticed("nom-001", "gj-2025-310000", "nt-gj-1", NOTICED_AT,
                NOTICE_CLOSES));
        Nomination onNotice = noticed.noticed().get(0);

        assertThatThrownBy(() -> onNotice.confer(noticed.batch(), beijing("2025-10-10T18:00")))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("notice-still-open");
        Nomination.Changed conferred = onNotice.confer(noticed.batch(), NOTICE_CLOSES);
        assertThat(conferred.nomination().stage()).isEqualTo(Stage.CONFERRED);
        assertThat(conferred.events()).containsExactly(new CraftsmanConferred("nom-001", "gj-2025-310000", "2025年度“上海工匠”",
                SHEN_WEIDONG.idHash(), NOTICE_CLOSES));

        Certificate certificate = Certificate.forTitle(7, "3MZ8Q-K2W7P", noticed.batch(), (Nomination.Conferred) conferred.nomination(),
                beijing("2025-10-20T10:00")).certificate();
        assertThat(certificate.number().value()).isEqualTo("GJ-P310000-2025-000007");
        assertThat(certificate.check("3mz8q k2w7p").issuedFor()).isEqualTo("2025年度“上海工匠” 汽轮机装配钳工");
    }

    @Test
    void aStageDoesOnlyWhatComesNext() {
        Nomination nominated = nominated("nom-001", SHEN_WEIDONG);

        assertThatThrownBy(() -> nominated.passReview("office-shanghai-union", null, NOMINATED_AT))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("nomination-illegal-transition");
        assertThatThrownBy(() -> nominated.confer(BATCH, NOMINATED_AT))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("nomination-illegal-transition");
        Nomination selfEvaluated = nominated.selfEvaluate("自评材料", NOMINATED_AT).nomination();
        // Corrected before the central review; once reviewed, it stands.
        assertThat(((Nomination.SelfEvaluated) selfEvaluated.selfEvaluate("更正后的自评", NOMINATED_AT).nomination()).selfEvaluation())
                .isEqualTo("更正后的自评");
        assertThatThrownBy(() -> selfEvaluated.passReview("office-shanghai-union", null, NOMINATED_AT).nomination()
                .selfEvaluate("再次自评", NOMINATED_AT))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("nomination-illegal-transition");
        assertThatThrownBy(() -> selfEvaluated.scoreByExpert(BATCH, CHEN_GUOHUA.id(), 9000, NOMINATED_AT))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("nomination-illegal-transition");
        ExpertReviewed reviewed = expertReviewed("nom-002", QIAN_LIQUN, 9000, 9000, 9000, 9000, 9000);
        assertThatThrownBy(() -> reviewed.confer(BATCH, NOTICE_CLOSES))
                .as("conferral comes only after the notice")
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("nomination-illegal-transition");
    }

    @Test
    void aNominationIsRejectedWithAReasonAtAnyStageBeforeConferralAndThatIsFinal() {
        Nomination selfEvaluated = nominated("nom-001", SHEN_WEIDONG).selfEvaluate("自评材料", NOMINATED_AT).nomination();

        assertThatThrownBy(() -> selfEvaluated.reject(" ", "office-shanghai-union", NOMINATED_AT))
                .isInstanceOf(RuleViolationException.class).hasMessageStartingWith("reason-required");
        Nomination.Changed rejected = selfEvaluated.reject("申报材料中专利证明与本人无关", "office-shanghai-union", beijing("2025-06-20T10:00"));

        Nomination.Rejected r = (Nomination.Rejected) rejected.nomination();
        assertThat(r.atStage()).isEqualTo(Stage.SELF_EVALUATED);
        assertThat(r.reason()).isEqualTo("申报材料中专利证明与本人无关");
        assertThat(rejected.events()).containsExactly(new CraftsmanRejected("nom-001", "gj-2025-310000", "SELF_EVALUATED",
                beijing("2025-06-20T10:00")));
        assertThatThrownBy(() -> r.reject("再次", "office-shanghai-union", NOMINATED_AT)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> r.selfEvaluate("重新自评", NOMINATED_AT)).isInstanceOf(ConflictException.class);
    }

    @Test
    void nominationsComeByUnitAssociationOrSelfBeforeTheDeadline() {
        Nomination.Form byAssociation = new Nomination.Form(QIAN_LIQUN, NominationChannel.ASSOCIATION, "上海市焊接协会",
                "LNG船殷瓦钢焊接零缺陷");
        Nomination.Form bySelf = new Nomination.Form(XU_XIAOYAN, NominationChannel.SELF, null, "自主研发医用设备故障诊断方法");

        assertThat(Nomination.nominate("nom-002", BATCH, byAssociation, List.of(), NOMINATED_AT).nomination().facts().nominatedBy())
                .isEqualTo("上海市焊接协会");
        assertThat(Nomination.nominate("nom-003", BATCH, bySelf, List.of(), NOMINATED_AT).nomination().facts().nominatedBy()).isNull();
        assertThatThrownBy(() -> Nomination.nominate("nom-004", BATCH, bySelf, List.of(), beijing("2025-05-29T00:00")))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("nominations-closed");
    }

    @Test
    void aUnitNominatesItsOwnEmployees() {
        Nomination.Form wrongUnit = new Nomination.Form(QIAN_LIQUN, NominationChannel.UNIT, SHANGHAI_ELECTRIC.uscc(), "事迹");

        assertThatThrownBy(() -> Nomination.nominate("nom-001", BATCH, wrongUnit, List.of(), NOMINATED_AT))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::code).containsExactly("unit-nominates-own-employees"));
    }

    @Test
    void aPersonIsNominatedOncePerBatchUnlessRejected() {
        Nomination first = nominated("nom-001", SHEN_WEIDONG);
        Nomination.Form again = new Nomination.Form(SHEN_WEIDONG, NominationChannel.SELF, null, "自荐");

        assertThatThrownBy(() -> Nomination.nominate("nom-002", BATCH, again, List.of(first), NOMINATED_AT))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("already-nominated");
        Nomination rejected = first.reject("单位撤回推荐", "office-shanghai-union", NOMINATED_AT).nomination();
        assertThat(Nomination.nominate("nom-002", BATCH, again, List.of(rejected), NOMINATED_AT).nomination().stage())
                .isEqualTo(Stage.NOMINATED);
    }

    @Test
    void aNomineeIsKnownByTheKeyedHashOfTheirIdentityNumberNeverTheNumber() {
        Nominee clear = new Nominee(People.residentId(101), "沈卫东", SHANGHAI_ELECTRIC.uscc(), SHANGHAI_ELECTRIC.name(), "钳工");

        assertThatThrownBy(() -> Nomination.nominate("nom-001", BATCH, byUnit(clear), List.of(), NOMINATED_AT))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::code).containsExactly("clear-id-number"));
    }

    @Test
    void expertsOfTheBatchScoreEachNomineeOnceButNotTheirOwnColleagues() {
        Nomination reviewed = nominated("nom-001", SHEN_WEIDONG).selfEvaluate("自评", NOMINATED_AT).nomination()
                .passReview("office-shanghai-union", "符合条件", NOMINATED_AT).nomination();

        assertThatThrownBy(() -> reviewed.scoreByExpert(BATCH, SHEN_JIANPING.id(), 9000, NOMINATED_AT))
                .isInstanceOf(ForbiddenException.class).hasMessageStartingWith("expert-own-enterprise");
        assertThatThrownBy(() -> reviewed.scoreByExpert(BATCH, "expert-unknown", 9000, NOMINATED_AT))
                .isInstanceOf(ForbiddenException.class).hasMessageStartingWith("not-an-expert-of-batch");
        assertThatThrownBy(() -> reviewed.scoreByExpert(BATCH, CHEN_GUOHUA.id(), 10_001, NOMINATED_AT))
                .isInstanceOf(RuleViolationException.class);
        Nomination once = reviewed.scoreByExpert(BATCH, CHEN_GUOHUA.id(), 9000, NOMINATED_AT).nomination();
        assertThatThrownBy(() -> once.scoreByExpert(BATCH, CHEN_GUOHUA.id(), 9500, NOMINATED_AT))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("already-scored");
        assertThatThrownBy(() -> once.completeExpertReview(BATCH, NOMINATED_AT))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("expert-review-incomplete");
    }

    @Test
    void expertScoresCompareByTheirExactMean() {
        ExpertReviewed a = expertReviewed("nom-001", SHEN_WEIDONG, 9001, 9000, 9000, 9000, 9000);
        ExpertReviewed b = expertReviewed("nom-002", QIAN_LIQUN, 9000, 9000, 9000, 9000, 9000);

        assertThat(java.util.stream.Stream.of(b, a).sorted(ExpertReviewed.BY_SCORE).map(Nomination::id)).containsExactly("nom-001",
                "nom-002");
    }

    @Test
    void anObjectionUpheldAgainstANomineeRejectsThemWhileTheOthersAreConferred() {
        ExpertReviewed shen = expertReviewed("nom-001", SHEN_WEIDONG, 9200, 8850, 9400, 9000, 9100);
        ExpertReviewed qian = expertReviewed("nom-002", QIAN_LIQUN, 9000, 9100, 8900, 9050, 9000);
        CraftsmanBatch.Changed noticed = BATCH.openNotice("nt-gj-1", List.of(shen, qian), CALENDAR, NOTICED_AT);

        CraftsmanBatch batch = noticed.batch()
                .object("obj-1", against("nom-002", "申报的发明专利第一发明人并非本人"), beijing("2025-10-09T10:00")).batch();
        CraftsmanBatch objectedTo = batch;
        assertThatThrownBy(() -> objectedTo.object("obj-2", against("nom-001", "迟到的异议"), NOTICE_CLOSES))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("notice-closed");
        assertThatThrownBy(() -> noticed.noticed().get(1).confer(objectedTo, NOTICE_CLOSES))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("objections-unanswered");

        batch = batch.answer("obj-1", Verdict.UPHELD, "经核实专利证书，第一发明人为他人，申报材料不实", "office-shanghai-union",
                beijing("2025-10-13T10:00")).batch();
        CraftsmanBatch answered = batch;
        assertThatThrownBy(() -> noticed.noticed().get(1).confer(answered, NOTICE_CLOSES))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("objection-upheld");

        assertThat(noticed.noticed().get(1).reject("异议成立（obj-1）：申报材料不实", "office-shanghai-union", beijing("2025-10-13T10:05"))
                .nomination().stage()).isEqualTo(Stage.REJECTED);
        assertThat(noticed.noticed().get(0).confer(answered, beijing("2025-10-13T10:10")).nomination().stage())
                .as("the objection concerned someone else").isEqualTo(Stage.CONFERRED);
    }

    @Test
    void anObjectionUpheldAgainstTheWholeListNeedsANewNoticeFirst() {
        ExpertReviewed shen = expertReviewed("nom-001", SHEN_WEIDONG, 9200, 8850, 9400, 9000, 9100);
        CraftsmanBatch.Changed first = BATCH.openNotice("nt-gj-1", List.of(shen), CALENDAR, NOTICED_AT);
        CraftsmanBatch upheld = first.batch()
                .object("obj-1", against(null, "公示名单未公布评审专家组成，程序不完整"), beijing("2025-09-29T10:00")).batch()
                .answer("obj-1", Verdict.UPHELD, "补充公布评审专家名单后重新公示", "office-shanghai-union", beijing("2025-09-30T10:00")).batch();

        assertThatThrownBy(() -> first.noticed().get(0).confer(upheld, NOTICE_CLOSES))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("objection-upheld");
        assertThatThrownBy(() -> BATCH.openNotice("nt-x", List.of(shen), CALENDAR, NOTICED_AT).batch()
                .renotice("nt-y", List.of(), List.of(shen), CALENDAR, NOTICED_AT))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("notice-not-renewable");

        CraftsmanBatch.Changed second = upheld.renotice("nt-gj-2", first.noticed(), List.of(), CALENDAR, beijing("2025-09-30T11:00"));
        assertThat(second.batch().notice().round()).isEqualTo(2);
        // From Wednesday 1 October: the holiday to the 8th, then 9, 10, 11 (Saturday, worked), 13 and 14 October.
        assertThat(second.batch().notice().closesAt()).isEqualTo(beijing("2025-10-15T00:00"));
        assertThat(second.batch().earlierNotices()).hasSize(1);
        assertThat(first.noticed().get(0).confer(second.batch(), beijing("2025-10-15T00:00")).nomination().stage())
                .isEqualTo(Stage.CONFERRED);
    }

    @Test
    void aBatchSelectsNoMoreThanItsQuota() {
        CraftsmanBatch smallBatch = batch(1);
        ExpertReviewed shen = expertReviewed("nom-001", SHEN_WEIDONG, 9200, 8850, 9400, 9000, 9100);
        ExpertReviewed qian = expertReviewed("nom-002", QIAN_LIQUN, 9000, 9100, 8900, 9050, 9000);

        assertThatThrownBy(() -> smallBatch.openNotice("nt-gj-1", List.of(shen, qian), CALENDAR, NOTICED_AT))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::code).containsExactly("over-quota"));
    }
}
