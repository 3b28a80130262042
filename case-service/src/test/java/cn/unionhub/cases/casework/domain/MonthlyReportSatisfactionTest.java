package cn.unionhub.cases.casework.domain;

import static cn.unionhub.cases.casework.domain.CaseFixtures.CALENDAR;
import static cn.unionhub.cases.casework.domain.CaseFixtures.CHAIR;
import static cn.unionhub.cases.casework.domain.CaseFixtures.beijing;
import static cn.unionhub.cases.casework.domain.CaseFixtures.commute;
import static cn.unionhub.cases.casework.domain.CaseFixtures.opened;
import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.cases.reports.domain.MonthlyReport;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A rating given by default when the window passed is nobody's answer: the monthly report counts it apart. */
class MonthlyReportSatisfactionTest {

    private static final Instant MONDAY = beijing("2026-11-23T09:00");

    @Test
    void defaultRatingsAreShownBesideTheWorkersAnswersNotAmongThem() {
        List<Case> cases = new ArrayList<>();
        cases.add(closed(Case.Satisfaction.SATISFIED, false));
        cases.add(closed(Case.Satisfaction.PARTLY_SATISFIED, false));
        for (int i = 0; i < 6; i++) {
            cases.add(closed(Case.Satisfaction.SATISFIED, true));
        }
        Case reopenedOnce = resolved().reopen(Case.By.WORKER, "不满意", CaseFixtures.RULES, MONDAY.plusSeconds(900)).changed();
        cases.add(reopenedOnce);

        MonthlyReport report = MonthlyReport.of(YearMonth.of(2026, 11), "330211", cases, List.of());

        assertThat(report.satisfaction()).containsEntry("SATISFIED", 1L).containsEntry("PARTLY_SATISFIED", 1L).hasSize(2);
        assertThat(report.satisfactionRate()).isEqualTo(1.0);
        assertThat(report.ratedByDefault()).isEqualTo(6);
        assertThat(report.satisfactionRateWithDefaults()).isEqualTo(1.0);
        assertThat(cases.get(2).history().get(cases.get(2).history().size() - 1).details()).containsEntry("byDefault", "true");
    }

    private static Case resolved() {
        return opened(commute("REGULAR"), MONDAY).respond(CHAIR, "已反映", List.of(), CALENDAR, MONDAY.plusSeconds(60)).changed()
                .resolve(CHAIR, Case.Outcome.RESOLVED_BY_ENTERPRISE, "公司安排班车", null, null, CALENDAR, MONDAY.plusSeconds(600))
                .changed();
    }

    private static Case closed(Case.Satisfaction satisfaction, boolean byDefault) {
        return resolved().close(Case.By.WORKER, satisfaction, byDefault, "评价", MONDAY.plusSeconds(1200)).changed();
    }
}
