package cn.unionhub.station.hours.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.platform.calendar.CalendarFiles;
import cn.unionhub.platform.domain.RuleViolationException;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** Opening hours on the business calendar of 2026: 国庆 1–7 October, 调休 Sunday 20 September and Saturday 10 October. */
class OpeningHoursTest {

    private static final BusinessCalendar CALENDAR = CalendarFiles.load(null);

    private static boolean open(String hours, String beijing) {
        return OsmOpeningHours.parse(hours).isOpenAt(LocalDateTime.parse(beijing), CALENDAR);
    }

    @Test
    void aWeekdayStationIsOpenInItsHoursAndClosedOutsideThem() {
        String hours = "Mo-Fr 08:00-18:00; Sa 09:00-12:00";
        assertThat(open(hours, "2026-11-23T08:00")).isTrue(); // Monday, opening minute
        assertThat(open(hours, "2026-11-23T18:00")).isFalse(); // closing minute
        assertThat(open(hours, "2026-11-28T11:59")).isTrue(); // Saturday morning
        assertThat(open(hours, "2026-11-29T10:00")).isFalse(); // Sunday
    }

    @Test
    void anOvernightRangeBelongsToTheDayItStarts() {
        String hours = "Mo-Fr 22:00-06:00";
        assertThat(open(hours, "2026-11-27T23:30")).isTrue(); // Friday night
        assertThat(open(hours, "2026-11-28T02:00")).as("Saturday 02:00, from Friday's range").isTrue();
        assertThat(open(hours, "2026-11-28T23:00")).as("Saturday has no range of its own").isFalse();
        assertThat(open(hours, "2026-11-23T02:00")).as("Monday 02:00: Sunday had no night range").isFalse();
    }

    @Test
    void statutoryDaysOffFollowTheHolidayRuleAndMakeUpWorkdaysWorkLikeAMonday() {
        String closedOnHolidays = "Mo-Fr 08:00-18:00; PH off";
        assertThat(open(closedOnHolidays, "2026-10-05T10:00")).as("国庆 Monday").isFalse();
        assertThat(open(closedOnHolidays, "2026-10-10T10:00")).as("调休 Saturday: worked like a Monday").isTrue();
        assertThat(open(closedOnHolidays, "2026-09-20T10:00")).as("调休 Sunday").isTrue();
        String special = "Mo-Su 08:00-18:00; PH 10:00-14:00";
        assertThat(open(special, "2026-10-03T09:00")).as("a Saturday inside 国庆 keeps the holiday hours").isFalse();
        assertThat(open(special, "2026-10-03T11:00")).isTrue();
        assertThat(open("Mo-Fr 08:00-18:00", "2026-10-05T10:00")).as("no PH rule: open as usual").isTrue();
    }

    @Test
    void aDateOfItsOwnOverridesEverythingElse() {
        assertThat(open("24/7; 2026 Nov 26 off", "2026-11-26T12:00")).isFalse();
        assertThat(open("Mo-Fr 08:00-18:00; 2026 Nov 28 10:00-16:00", "2026-11-28T12:00")).isTrue();
    }

    @Test
    void twentyFourSevenIsAlwaysOpen() {
        assertThat(open("24/7", "2026-10-01T03:00")).isTrue();
        assertThat(open("Mo-Su 00:00-24:00", "2026-11-29T23:59")).isTrue();
    }

    @Test
    void theOsmSyntaxRoundTrips() {
        for (String hours : new String[] {"24/7", "Mo-Fr 08:00-18:00; Sa,Su 09:00-12:00; PH off",
                "Mo-Fr 08:00-12:00,14:00-18:00; PH 10:00-14:00; 2026 Oct 01 off", "Mo-Su 22:00-06:00", "Mo,We,Fr 08:00-24:00"}) {
            assertThat(OsmOpeningHours.format(OsmOpeningHours.parse(hours))).isEqualTo(hours);
        }
        assertThat(OsmOpeningHours.format(OsmOpeningHours.parse("08:00-20:00"))).isEqualTo("Mo-Su 08:00-20:00");
        assertThat(OsmOpeningHours.format(OsmOpeningHours.parse("Mo-Su 08:00-20:00; Su off"))).isEqualTo("Mo-Sa 08:00-20:00");
    }

    @Test
    void whatTheParserDoesNotKnowIsRefusedNamingTheRule() {
        for (String wrong : new String[] {"", "sunrise-sunset", "Mo-Fr 8:00-18:00", "Mo-Fr 08:00-25:00", "Mo-Xx 08:00-18:00",
                "Mo-Fr", "week 01-10 Mo 08:00-12:00", "2026 Feb 30 off"}) {
            assertThatThrownBy(() -> OsmOpeningHours.parse(wrong)).as(wrong).isInstanceOfSatisfying(RuleViolationException.class,
                    e -> assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("openingHours")));
        }
    }
}
