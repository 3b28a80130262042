package cn.unionhub.cases.proposals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.unionhub.cases.casework.domain.CaseHistory;
import cn.unionhub.cases.casework.domain.HistoryEntry;
import cn.unionhub.cases.proposals.domain.Activity;
import cn.unionhub.cases.proposals.domain.PerformanceReport;
import cn.unionhub.cases.proposals.domain.Proposal;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProposalTest {

    private static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");
    private static final Proposal.By HUANG = new Proposal.By("rep-huang-liang", "ENTERPRISE_UNION");
    private static final Proposal.By PANEL = new Proposal.By("staff-linda", "DISTRICT_UNION");

    private static Proposal submitted(String number) {
        return Proposal.submit("p-" + number, number, HUANG, "黄亮", "330482", "关于加强对货车司机关心关爱的提案",
                "建议在宿舍旁建设共享“司机之家”，解决货车司机休息难。", T0);
    }

    private static Instant day(int n) {
        return T0.plus(Duration.ofDays(n));
    }

    @Test
    void theFiveStepsRunInOrderAndLeaveAVerifiableRecord() {
        Proposal done = submitted("TA-20260302-AAAAAA")
                .review(PANEL, Proposal.Decision.ACCEPT, null, null, day(1))
                .assign(PANEL, "林埭镇人民政府", day(2))
                .progress(PANEL, "选址已确定", day(5))
                .supervise(PANEL, "现场督查：主体完工", day(20))
                .complete(PANEL, "共享“司机之家”已建成投用", day(30))
                .evaluate(HUANG, Proposal.Satisfaction.SATISFIED, day(31));

        assertThat(done.status()).isEqualTo(Proposal.Status.COMPLETED);
        assertThat(done.history()).extracting(HistoryEntry::action).containsExactly("SUBMITTED", "REVIEWED_ACCEPT", "ASSIGNED",
                "PROGRESS", "SUPERVISED", "COMPLETED", "EVALUATED");
        assertThat(CaseHistory.verify(done.history()).valid()).isTrue();
    }

    @Test
    void stepsOutOfOrderAreRefusedAndRejectionsNeedAReason() {
        Proposal p = submitted("TA-20260302-BBBBBB");
        assertThatThrownBy(() -> p.assign(PANEL, "某部门", day(1))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> p.complete(PANEL, "完成", day(1))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> p.review(PANEL, Proposal.Decision.REJECT, " ", null, day(1)))
                .isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> p.review(PANEL, Proposal.Decision.MERGE, "同类提案", null, day(1)))
                .isInstanceOf(RuleViolationException.class);
        Proposal merged = p.review(PANEL, Proposal.Decision.MERGE, "与司机之家提案合并办理", "TA-20260302-AAAAAA", day(1));
        assertThat(merged.mergedInto()).isEqualTo("TA-20260302-AAAAAA");
        assertThatThrownBy(() -> merged.review(PANEL, Proposal.Decision.ACCEPT, null, null, day(2)))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void onlyTheRepresentativeRatesTheResultAndOnlyOnce() {
        Proposal completed = submitted("TA-20260302-CCCCCC").review(PANEL, Proposal.Decision.ACCEPT, null, null, day(1))
                .assign(PANEL, "教育局", day(2)).supervise(PANEL, "督查", day(3)).complete(PANEL, "子女已入学", day(4));
        assertThatThrownBy(() -> completed.evaluate(PANEL, Proposal.Satisfaction.SATISFIED, day(5))).isInstanceOf(ConflictException.class);
        Proposal rated = completed.evaluate(HUANG, Proposal.Satisfaction.PARTLY_SATISFIED, day(5));
        assertThatThrownBy(() -> rated.evaluate(HUANG, Proposal.Satisfaction.SATISFIED, day(6))).isInstanceOf(ConflictException.class);
    }

    @Test
    void thePerformanceReportCountsProposalsOutcomesAndActivity() {
        Proposal completed = submitted("TA-20260302-DDDDDD").review(PANEL, Proposal.Decision.ACCEPT, null, null, day(1))
                .assign(PANEL, "林埭镇", day(2)).supervise(PANEL, "督查", day(5)).complete(PANEL, "已建成", day(10))
                .evaluate(HUANG, Proposal.Satisfaction.SATISFIED, day(11));
        Proposal handling = submitted("TA-20260302-EEEEEE").review(PANEL, Proposal.Decision.ACCEPT, null, null, day(1))
                .assign(PANEL, "教育局", day(2));
        Proposal rejected = submitted("TA-20260302-FFFFFF").review(PANEL, Proposal.Decision.REJECT, "不属于工会职责", null, day(1));
        List<Activity> activities = List.of(
                new Activity("a1", HUANG.who(), Activity.Kind.VISIT, LocalDate.parse("2026-03-05"), "走访重点联系人员小夏"),
                new Activity("a2", HUANG.who(), Activity.Kind.DELIBERATION, LocalDate.parse("2026-03-09"), "职工事大家议：技能培训"));

        PerformanceReport report = PerformanceReport.of(HUANG.who(), LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"),
                List.of(completed, handling, rejected), activities);

        assertThat(report.submitted()).isEqualTo(3);
        assertThat(report.accepted()).isEqualTo(2);
        assertThat(report.rejected()).isEqualTo(1);
        assertThat(report.completed()).isEqualTo(1);
        assertThat(report.inProgress()).isEqualTo(1);
        assertThat(report.averageDaysToComplete()).isEqualTo(10.0);
        assertThat(report.evaluations()).containsEntry(Proposal.Satisfaction.SATISFIED, 1L);
        // 3 proposals × 10 + 2 accepted × 10 + 1 completed × 10 + 1 visit × 3 + 1 deliberation × 5
        assertThat(report.score()).isEqualTo(68);
        assertThat(report.representativeName()).isEqualTo("黄亮");
    }
}
