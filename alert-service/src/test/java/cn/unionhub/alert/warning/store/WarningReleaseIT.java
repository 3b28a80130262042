package cn.unionhub.alert.warning.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.alert.risk.domain.Assessment;
import cn.unionhub.alert.warning.domain.Warning;
import cn.unionhub.alert.warning.domain.WarningLevel;
import cn.unionhub.platform.domain.AnonymousRelease;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A warning moves with single signals, an anonymous worker's complaint among them. The enterprise's own union sees it
 * as it stood at the last release (hourly here): not before the release after it was raised, and a level raised at
 * 11:10 at 12:00, in the view and in its list filtered by level. The district sees every change at once.
 */
@IntegrationTest
class WarningReleaseIT {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final String ENTERPRISE = "91330211MA2H3K5Q1G";

    private final Instant ten = LocalDate.now(BEIJING).plusDays(2).atTime(LocalTime.of(10, 0)).atZone(BEIJING).toInstant();
    private final SettableClock clock = new SettableClock(ten.plus(Duration.ofMinutes(5)));

    @Test
    void theEnterpriseSideSeesAWarningAsItStoodAtTheLastRelease(@Autowired MongoTemplate mongo, @Autowired AggregateStore store) {
        Warnings warnings = new Warnings(mongo, store, clock, AnonymousRelease.every(Duration.ofHours(1)));
        String id = ENTERPRISE + "-" + (100_000 + new java.security.SecureRandom().nextInt(900_000)); // <enterprise>-<n>, as raised
        warnings.insert(Warning.raise(id, ENTERPRISE, "宁波富德能源有限公司", "330211", "D",
                assessment(null, WarningLevel.YELLOW, 45, false), List.of(), List.of("镇海区总工会"), false, clock.instant()));

        Instant halfPastTen = ten.plus(Duration.ofMinutes(30));
        assertThat(warnings.seenByEnterpriseSide(id, halfPastTen)).as("raised at 10:05: not before 11:00").isEmpty();
        assertThat(ids(warnings.page(ENTERPRISE, null, null, null, 0, 100, halfPastTen))).doesNotContain(id);
        assertThat(ids(warnings.page(null, "330211", null, null, 0, 100, null))).as("the district: at once").contains(id);

        clock.set(ten.plus(Duration.ofMinutes(70)));
        warnings.change(id, w -> w.reassess(assessment(WarningLevel.YELLOW, WarningLevel.RED, 120, true), List.of(), clock.instant()));
        clock.set(ten.plus(Duration.ofMinutes(80)));
        warnings.change(id, w -> new Warning.Changed(w.refresh(assessment(WarningLevel.RED, WarningLevel.RED, 130, true), List.of(), java.time.Instant.now()),
                List.of()));

        Instant twenty = ten.plus(Duration.ofMinutes(90));
        Warning shown = warnings.seenByEnterpriseSide(id, twenty).orElseThrow();
        assertThat(shown.level()).isEqualTo(WarningLevel.YELLOW);
        assertThat(shown.collectiveDispute()).isFalse();
        assertThat(shown.score()).isEqualTo(45);
        assertThat(ids(warnings.page(ENTERPRISE, null, null, WarningLevel.YELLOW, 0, 100, twenty))).contains(id);
        assertThat(ids(warnings.page(ENTERPRISE, null, null, WarningLevel.RED, 0, 100, twenty))).doesNotContain(id);
        assertThat(warnings.page(ENTERPRISE, null, null, null, 0, 100, twenty)).filteredOn(w -> w.id().equals(id))
                .extracting(Warning::level).containsExactly(WarningLevel.YELLOW);
        assertThat(warnings.byId(id).orElseThrow().level()).as("as it is, for the district").isEqualTo(WarningLevel.RED);
        assertThat(ids(warnings.page(null, "330211", null, WarningLevel.RED, 0, 100, null))).contains(id);

        Instant noon = ten.plus(Duration.ofHours(2));
        assertThat(warnings.seenByEnterpriseSide(id, noon).orElseThrow().score()).isEqualTo(130);
        assertThat(ids(warnings.page(ENTERPRISE, null, null, WarningLevel.RED, 0, 100, noon))).contains(id);
    }

    private static Assessment assessment(WarningLevel previous, WarningLevel level, double score, boolean collective) {
        return new Assessment(score, Map.of("WAGE_ARREARS_COMPLAINT", score), level, previous, level,
                previous == null || level.isHigherThan(previous) ? Assessment.Change.UPGRADE : Assessment.Change.NONE, collective,
                collective ? 12 : 3, 5_400_000);
    }

    private static List<String> ids(List<Warning> warnings) {
        return warnings.stream().map(Warning::id).toList();
    }
}
