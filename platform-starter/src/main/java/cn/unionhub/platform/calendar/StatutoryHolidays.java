package cn.unionhub.platform.calendar;

import com.nlf.calendar.Lunar;
import com.nlf.calendar.Solar;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * The statutory public holidays of a year (《全国年节及纪念日放假办法》 as amended in 2024, in force
 * from 2025): 元旦 1 January; 春节 the lunar new year's eve and the first three days of the first
 * lunar month; 清明 the day of the Qingming solar term; 劳动节 1 and 2 May; 端午 the fifth day of the
 * fifth lunar month; 中秋 the fifteenth day of the eighth lunar month; 国庆 1 to 3 October. Lunar
 * dates and the solar term come from {@code cn.6tail:lunar}.
 *
 * <p>These are what the law fixes; the State Council's yearly schedule adds bridging days and the
 * weekend days worked in exchange (调休), which cannot be computed. Until it is published such a
 * year is provisional: no 1 January counted as a working day, but a deadline may still move.
 */
public final class StatutoryHolidays {

    private StatutoryHolidays() {
    }

    public static BusinessCalendar.Year of(int year) {
        Set<LocalDate> days = new HashSet<>();
        days.add(LocalDate.of(year, 1, 1));
        Lunar newYear = Lunar.fromYmd(year, 1, 1);
        LocalDate springFestival = date(newYear.getSolar());
        days.add(date(newYear.next(-1).getSolar())); // 除夕: the last day of the twelfth month, 29th or 30th
        for (int i = 0; i < 3; i++) {
            days.add(springFestival.plusDays(i));
        }
        days.add(date(newYear.getJieQiTable().get("清明")));
        days.add(LocalDate.of(year, 5, 1));
        days.add(LocalDate.of(year, 5, 2));
        days.add(date(Lunar.fromYmd(year, 5, 5).getSolar()));
        days.add(date(Lunar.fromYmd(year, 8, 15).getSolar()));
        for (int d = 1; d <= 3; d++) {
            days.add(LocalDate.of(year, 10, d));
        }
        days.removeIf(day -> day.getYear() != year); // 除夕 of an early new year can fall in the year before
        return new BusinessCalendar.Year(year, days, Set.of(), true);
    }

    private static LocalDate date(Solar solar) {
        return LocalDate.of(solar.getYear(), solar.getMonth(), solar.getDay());
    }
}
