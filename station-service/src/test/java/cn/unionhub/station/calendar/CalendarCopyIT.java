package cn.unionhub.station.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.events.cases.CalendarYearPublished;
import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.platform.calendar.CalendarCopy;
import cn.unionhub.platform.calendar.StatutoryHolidays;
import cn.unionhub.test.EventFeed;
import cn.unionhub.test.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A holiday schedule loaded through case-service's calendar API reaches the stations: 春节 2027 as
 * published (5–13 February, Sunday the 14th worked) replaces the computed one, an older version does
 * not undo it, and a restart applies it again instead of falling back to the computed year.
 */
@IntegrationTest
class CalendarCopyIT {

    @Autowired
    CalendarCopy copy;
    @Autowired
    BusinessCalendar calendar;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    MeterRegistry meters;
    @Autowired
    MongoTemplate mongo;

    private static CalendarYearPublished springFestival(int version, List<String> workdays) {
        List<String> daysOff = new java.util.ArrayList<>(StatutoryHolidays.of(2027).holidays().stream().map(LocalDate::toString).toList());
        LocalDate.of(2027, 2, 5).datesUntil(LocalDate.of(2027, 2, 14)).map(LocalDate::toString).filter(d -> !daysOff.contains(d))
                .forEach(daysOff::add);
        return new CalendarYearPublished(2027, version, daysOff, workdays, "国办发明电（测试）", Instant.now());
    }

    @Test
    void thePublishedScheduleIsTakenKeptAndAppliedAgainAfterARestart() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 2, 10))).as("computed: only 除夕 to the third day off").isTrue();

        copy.take(springFestival(2, List.of("2027-02-14")));
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 2, 10))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 2, 14))).as("调休 Sunday").isTrue();
        assertThat(calendar.knows(2027)).isTrue();

        copy.take(springFestival(1, List.of()));
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 2, 14))).as("an older version does not undo a newer one").isTrue();

        calendar.publish(StatutoryHolidays.of(2027)); // as a fresh start knows the year: computed
        copy.applyKept();
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 2, 14))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 2, 10))).isFalse();
    }

    /** case-service publishes the schedule on its own topic; the copy listens there (not to every case event). */
    @Test
    void aScheduleArrivesFromCaseServicesCalendarTopic() {
        LocalDate qingming = LocalDate.of(2028, 4, 3); // a Monday made a day off by the (invented) schedule
        assertThat(calendar.isWorkingDay(qingming)).isTrue();
        List<String> daysOff = new java.util.ArrayList<>(StatutoryHolidays.of(2028).holidays().stream().map(LocalDate::toString).toList());
        daysOff.add(qingming.toString());

        new EventFeed(kafka, meters, "station-calendar")
                .sendAndAwait(new CalendarYearPublished(2028, 1, daysOff, List.of(), "国办发明电（测试）", Instant.now()));

        assertThat(calendar.isWorkingDay(qingming)).isFalse();
    }

    /**
     * The replicas share one consumer group, so an event reaches one of them; another replica learns
     * of the version it kept at its next refresh, and a version older than the one in force (a slow
     * read) never replaces it.
     */
    @Test
    void aVersionAnotherReplicaTookIsInForceAfterTheNextRefreshAndNeverGoesBack() {
        LocalDate dragonBoatEve = LocalDate.of(2025, 5, 30); // a Friday the (invented) schedule makes a day off
        assertThat(calendar.isWorkingDay(dragonBoatEve)).isTrue();
        List<String> daysOff = new java.util.ArrayList<>(StatutoryHolidays.of(2025).holidays().stream().map(LocalDate::toString).toList());
        daysOff.add(dragonBoatEve.toString());
        keptByAnotherReplica(2025, 3, daysOff);

        copy.refresh();
        assertThat(calendar.isWorkingDay(dragonBoatEve)).as("version 3, kept by another replica").isFalse();

        keptByAnotherReplica(2025, 2, StatutoryHolidays.of(2025).holidays().stream().map(LocalDate::toString).toList());
        copy.refresh();
        assertThat(calendar.isWorkingDay(dragonBoatEve)).as("version 2 read late does not replace version 3").isFalse();
    }

    private void keptByAnotherReplica(int year, int version, List<String> daysOff) {
        mongo.upsert(new Query(Criteria.where("_id").is(year)), new Update().set("version", version).set("daysOff", daysOff)
                .set("makeUpWorkdays", List.of()).set("source", "国办发明电（测试）"), "calendar_years");
    }
}
