package cn.unionhub.alert.report.domain;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.alert.risk.domain.Assessment;
import cn.unionhub.alert.warning.domain.Warning;
import cn.unionhub.alert.warning.domain.WarningLevel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DailyReportTest {

    static final LocalDate MARCH_2 = LocalDate.of(2026, 3, 2);

    static Warning raise(String uscc, String district, String industry, WarningLevel level, double score, long fen, Instant at) {
        return Warning.raise(uscc + "-1", uscc, null, district, industry, new Assessment(score, Map.of("COMPLAINT", score),
                level, null, level, Assessment.Change.UPGRADE, false, 0, fen), List.of(), List.of("镇海区总工会"), false,
                at).changed();
    }

    @Test
    void aWarningRaisedBeforeBeijingMidnightAndClosedAfterItCountsOnBothDays() {
        // 23:50 on 2 March and 00:10 on 3 March, Beijing time (15:50 and 16:10 UTC on 2 March).
        Instant lateEvening = Instant.parse("2026-03-02T15:50:00Z");
        Instant afterMidnight = Instant.parse("2026-03-02T16:10:00Z");
        Warning w = raise("91330211MA2H3K5Q1G", "330211", "D", WarningLevel.RED, 160, 5_400_000, lateEvening)
                .verify(Warning.Verdict.FALSE_POSITIVE, "误报", new Warning.Acting("HANDLER", "handler-1"), afterMidnight.minusSeconds(60)).changed()
                .close("核对名录", new Warning.Acting("HANDLER", "handler-1"), afterMidnight).changed();

        DailyReport second = DailyReport.of(MARCH_2, List.of(w), 10);
        DailyReport third = DailyReport.of(MARCH_2.plusDays(1), List.of(w), 10);
        DailyReport fourth = DailyReport.of(MARCH_2.plusDays(2), List.of(w), 10);

        assertThat(second.raised()).isEqualTo(1);
        assertThat(second.closed()).isZero();
        assertThat(third.raised()).isZero();
        assertThat(third.closed()).isEqualTo(1);
        assertThat(second.topEnterprises()).extracting(t -> t.warningId()).containsExactly("91330211MA2H3K5Q1G-1");
        assertThat(third.topEnterprises()).as("found false by the day's end: no key enterprise of the day").isEmpty();
        assertThat(third.amountAtStakeFen()).as("found false: no money at stake").isZero();
        assertThat(fourth.active()).isZero();
        assertThat(second.amountAtStakeFen()).isEqualTo(5_400_000);
    }

    @Test
    void upgradesAndDowngradesAreCountedOnTheirDayWithTheLevelAtTheEndOfIt() {
        Instant morning = Instant.parse("2026-03-02T01:00:00Z"); // 09:00 Beijing
        Warning w = raise("91330206MA2J7P9K2C", "330206", "G", WarningLevel.YELLOW, 45, 0, morning);
        w = w.reassess(new Assessment(160, Map.of(), WarningLevel.RED, WarningLevel.YELLOW, WarningLevel.RED,
                Assessment.Change.UPGRADE, false, 0, 0), List.of(), morning.plusSeconds(3600)).changed();
        w = w.reassess(new Assessment(100, Map.of(), WarningLevel.ORANGE, WarningLevel.RED, WarningLevel.ORANGE,
                Assessment.Change.DOWNGRADE, false, 0, 0), List.of(), Instant.parse("2026-03-05T01:00:00Z")).changed();

        DailyReport day = DailyReport.of(MARCH_2, List.of(w), 10);
        assertThat(day.raised()).isEqualTo(1);
        assertThat(day.upgraded()).isEqualTo(1);
        assertThat(day.downgraded()).isZero();
        assertThat(day.topEnterprises().get(0).level()).isEqualTo("RED");
        assertThat(day.byDistrict().get("330206")).containsEntry("raised", 1L).containsEntry("level.RED", 1L);
        assertThat(day.byIndustry().get("G")).containsEntry("upgraded", 1L);

        DailyReport later = DailyReport.of(LocalDate.of(2026, 3, 5), List.of(w), 10);
        assertThat(later.downgraded()).isEqualTo(1);
        assertThat(later.topEnterprises().get(0).level()).isEqualTo("ORANGE");
    }

    @Test
    void topEnterprisesRankByLevelThenScore() {
        Instant at = Instant.parse("2026-03-02T02:00:00Z");
        List<Warning> warnings = List.of(
                raise("91330211MA2H3K5Q1G", "330211", "D", WarningLevel.ORANGE, 90, 0, at),
                raise("91330206MA2J7P9K2C", "330206", "G", WarningLevel.RED, 151, 0, at),
                raise("91330200MA2AAAAA1X", "330203", null, WarningLevel.ORANGE, 95, 0, at));

        DailyReport report = DailyReport.of(MARCH_2, warnings, 2);
        assertThat(report.topEnterprises()).extracting(t -> t.enterprise())
                .containsExactly("91330206MA2J7P9K2C", "91330200MA2AAAAA1X");
        assertThat(report.byIndustry()).containsKey(DailyReport.UNKNOWN);
        assertThat(report.active()).isEqualTo(3);
    }

    /** An enterprise's closed red warning does not push its open yellow one, or anyone's open one, down the list. */
    @Test
    void openWarningsComeFirstAndEachEnterpriseOnce() {
        Instant at = Instant.parse("2026-03-02T02:00:00Z");
        Warning.Acting handler = new Warning.Acting("HANDLER", "handler-1");
        Warning closedRed = raise("91330211MA2H3K5Q1G", "330211", "D", WarningLevel.RED, 160, 0, at)
                .verify(Warning.Verdict.CONFIRMED, "属实", handler, at).changed().dispose("约谈", handler, at).changed()
                .dock("法律援助", handler, at).changed().close("已整改", handler, at.plusSeconds(60)).changed();
        Warning openYellow = Warning.raise("91330211MA2H3K5Q1G-2", "91330211MA2H3K5Q1G", null, "330211", "D",
                new Assessment(45, Map.of("COMPLAINT", 45.0), WarningLevel.YELLOW, null, WarningLevel.YELLOW, Assessment.Change.UPGRADE,
                        false, 0, 0), List.of(), List.of("镇海区总工会"), false, at.plusSeconds(120)).changed();
        Warning otherOrange = raise("91330206MA2J7P9K2C", "330206", "G", WarningLevel.ORANGE, 90, 0, at);
        Warning falseRed = raise("91330200MA2AAAAA1X", "330203", null, WarningLevel.RED, 200, 900_000, at)
                .verify(Warning.Verdict.FALSE_POSITIVE, "同名企业误报", handler, at.plusSeconds(30)).changed();

        DailyReport report = DailyReport.of(MARCH_2, List.of(closedRed, openYellow, otherOrange, falseRed), 10);
        assertThat(report.topEnterprises()).extracting(t -> t.warningId())
                .containsExactly("91330206MA2J7P9K2C-1", "91330211MA2H3K5Q1G-2");
        assertThat(report.amountAtStakeFen()).as("the false positive's money is none at stake").isZero();
    }
}
