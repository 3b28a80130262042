package cn.unionhub.events.cases;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * An administrator loaded the State Council's holiday schedule for a year (a new version of it):
 * every service that counts working days or opening hours takes it in place of what it knew.
 *
 * @param year the year
 * @param version the version of that year's schedule (1, 2, …): a newer one replaces an older one
 * @param daysOff every day off (ISO dates)
 * @param makeUpWorkdays the weekend days worked instead (调休, ISO dates)
 * @param source the document it comes from
 * @param publishedAt when it was loaded
 */
@EventContract(type = "cn.unionhub.case.calendar-published.v1", topic = Topics.CALENDAR)
public record CalendarYearPublished(int year, int version, java.util.List<String> daysOff, java.util.List<String> makeUpWorkdays, String source, Instant publishedAt) implements DomainEvent {

    @Override
    public String subject() {
        return "calendar-" + year;
    }
}
