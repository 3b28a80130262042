package cn.unionhub.station.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.unionhub.events.station.StationDelisted;
import cn.unionhub.events.station.StationInspected;
import cn.unionhub.events.station.StationListed;
import cn.unionhub.events.station.StationRectificationOrdered;
import cn.unionhub.events.station.StationRegistered;
import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.platform.calendar.CalendarFiles;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.station.map.domain.Datum;
import cn.unionhub.station.map.domain.Position;
import cn.unionhub.station.service.domain.StationServiceType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The exit mechanism: applied → listed → ordered to rectify → listed again or delisted. */
class StationTest {

    private static final BusinessCalendar CALENDAR = CalendarFiles.load(null);
    static final Station.Application XIAMEN = new Station.Application("思明区中山路快递小哥驿站", StationType.CO_BUILT_BANK, "350203",
            "厦门市思明区中山路 88 号", Position.gcj02(24.4563, 118.0830),
            Set.of(StationServiceType.PHONE_CHARGING, StationServiceType.DRINKING_WATER), "Mo-Su 08:00-23:00; PH 10:00-22:00",
            new Station.Manager("林经理", "13905920000"), List.of());

    private static Instant beijing(String time) {
        return LocalDateTime.parse(time).atZone(BusinessCalendar.BEIJING).toInstant();
    }

    private static Station registered(String at) {
        return Station.register("FJ-350203-0001", XIAMEN, beijing(at)).station();
    }

    @Test
    void aStationIsRegisteredInWgs84AndAppearsToWorkersOnlyOnceListedAfterPassingItsInspection() {
        Station.Changed registered = Station.register("FJ-350203-0001", XIAMEN, beijing("2026-11-02T09:00"));
        Station s = registered.station();
        assertThat(s.status()).isEqualTo(Station.Status.APPLIED);
        assertThat(s.isVisibleToWorkers()).isFalse();
        assertThat(s.location().datum()).isEqualTo(Datum.WGS84);
        assertThat(s.location().metresTo(XIAMEN.position())).isLessThan(0.01);
        assertThat(registered.events()).singleElement().isInstanceOf(StationRegistered.class);

        assertThatThrownBy(() -> s.list(beijing("2026-11-03T09:00"))).isInstanceOf(ConflictException.class);
        Station failed = s.inspect("inspector-1", EnumSet.allOf(SixHaves.class), LocalDate.parse("2026-01-10"), 180, null,
                beijing("2026-11-03T09:00")).station();
        assertThat(failed.lastInspection().failed()).as("map information older than 180 days").containsExactly(SixHaves.MAP_INFORMATION);
        assertThatThrownBy(() -> failed.list(beijing("2026-11-03T10:00"))).isInstanceOf(ConflictException.class);

        Station.Changed inspected = failed.inspect("inspector-1", EnumSet.allOf(SixHaves.class), LocalDate.parse("2026-11-01"), 180,
                "六有齐全", beijing("2026-11-04T09:00"));
        assertThat(inspected.events()).singleElement().isInstanceOfSatisfying(StationInspected.class, e -> assertThat(e.passed()).isTrue());
        Station.Changed listed = inspected.station().list(beijing("2026-11-04T10:00"));
        assertThat(listed.station().isVisibleToWorkers()).isTrue();
        assertThat(listed.events()).singleElement().isInstanceOf(StationListed.class);
    }

    @Test
    void aStationOrderedToRectifyHasADeadlineInWorkingDaysAndIsEitherListedAgainOrDelisted() {
        Station listed = registered("2026-09-24T09:00").inspect("i", EnumSet.allOf(SixHaves.class), LocalDate.parse("2026-09-01"), 180, null,
                beijing("2026-09-25T09:00")).station().list(beijing("2026-09-25T10:00")).station();
        Station failing = listed.inspect("i", EnumSet.of(SixHaves.UNIFIED_SIGN, SixHaves.LAYOUT), LocalDate.parse("2026-09-01"), 180,
                "饮水机损坏", beijing("2026-09-29T09:00")).station();
        assertThat(failing.lastInspection().failed()).containsExactly(SixHaves.FACILITIES, SixHaves.SERVICES, SixHaves.RULES,
                SixHaves.MAP_INFORMATION);

        // Tuesday 29 September 10:00 plus three working days of 24 hours: the rest of the 29th, the 30th, then
        // 国庆 (1–7 October) counts nothing, the 8th, and the 9th until 10:00.
        Station.Changed ordered = failing.orderRectification("staff-1", "修复饮水机，补充服务制度", 3, CALENDAR, beijing("2026-09-29T10:00"));
        assertThat(ordered.station().status()).isEqualTo(Station.Status.RECTIFYING);
        assertThat(ordered.station().rectification().dueAt()).isEqualTo(beijing("2026-10-09T10:00"));
        assertThat(ordered.events()).singleElement().isInstanceOf(StationRectificationOrdered.class);
        assertThat(ordered.station().isVisibleToWorkers()).as("still serving while it puts things right").isTrue();
        assertThat(ordered.station().isOverdue(beijing("2026-10-09T09:59"))).isFalse();
        assertThat(ordered.station().isOverdue(beijing("2026-10-09T10:00"))).isTrue();

        assertThatThrownBy(() -> ordered.station().list(beijing("2026-10-08T10:00")))
                .as("the failed inspection came before the order").isInstanceOf(ConflictException.class);
        Station fixed = ordered.station().inspect("i", EnumSet.allOf(SixHaves.class), LocalDate.parse("2026-10-08"), 180, null,
                beijing("2026-10-08T11:00")).station();
        assertThat(fixed.list(beijing("2026-10-08T12:00")).station().status()).isEqualTo(Station.Status.LISTED);

        Station.Changed delisted = ordered.station().delist("逾期未整改", beijing("2026-10-09T11:00"));
        assertThat(delisted.station().isVisibleToWorkers()).isFalse();
        assertThat(delisted.events()).singleElement().isInstanceOf(StationDelisted.class);
        assertThatThrownBy(() -> delisted.station().list(beijing("2026-10-10T10:00"))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> delisted.station().changeHours("24/7", beijing("2026-10-10T10:00"))).isInstanceOf(ConflictException.class);
    }

    @Test
    void badInputIsRefusedWithEveryMistakeNamed() {
        Station.Application wrong = new Station.Application(" ", null, "99", "", Position.wgs84(24.4, 118.0), Set.of(), "9-5",
                new Station.Manager("x", "call me"), List.of());
        assertThatThrownBy(() -> Station.register("FJ-350203-0002", wrong, Instant.now()))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.violations())
                        .extracting(RuleViolationException.FieldViolation::field)
                        .containsExactlyInAnyOrder("name", "address", "type", "district", "services", "managerPhone", "openingHours"));
        // A manager with no name and a "phone" with nothing to dial (both were taken).
        Station.Application nobody = new Station.Application("驿站", StationType.SELF_BUILT, "350203", "思明区", Position.wgs84(24.4, 118.0),
                Set.of(cn.unionhub.station.service.domain.StationServiceType.REST), "24/7", new Station.Manager("", "-----"), List.of());
        assertThat(Station.violations(nobody)).extracting(RuleViolationException.FieldViolation::field)
                .containsExactlyInAnyOrder("managerName", "managerPhone");
        Station s = registered("2026-11-02T09:00");
        assertThatThrownBy(() -> s.inspect("i", Set.of(), LocalDate.parse("2030-01-01"), 180, null, beijing("2026-11-03T09:00")))
                .isInstanceOf(RuleViolationException.class);
    }

    @Test
    void numbersCarryTheProvinceAndDistrictAndAreCheckable() {
        assertThat(StationNumbers.of("350203", 1)).isEqualTo("FJ-350203-0001");
        assertThat(StationNumbers.of("220102", 341)).isEqualTo("JL-220102-0341");
        assertThat(StationNumbers.isValid("FJ-350203-0001")).isTrue();
        assertThat(StationNumbers.isValid("JL-350203-0001")).as("province letters must match the code").isFalse();
        assertThat(StationNumbers.isProvince("710000")).as("Taiwan's code is not a mainland province here").isFalse();
    }
}
