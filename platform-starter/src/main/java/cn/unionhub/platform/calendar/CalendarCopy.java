package cn.unionhub.platform.calendar;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import cn.unionhub.events.Topics;
import cn.unionhub.events.cases.CalendarYearPublished;
import cn.unionhub.platform.concurrent.DaemonThreads;
import cn.unionhub.platform.events.EventRouter;
import cn.unionhub.platform.events.InboundEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Year;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * The holiday schedules an administrator loads through case-service's calendar API, taken in by a
 * service that counts working days on its own {@link BusinessCalendar} (case.calendar-published):
 * station opening hours and rectification deadlines, contest notice periods follow the State
 * Council's schedule the day it is loaded, not the next release. Each year's newest version is kept
 * ({@code calendar_years} in the service's own database, one document per year) and applied again at
 * every start, so a restart does not fall back to the computed year.
 *
 * <p>A service turns it on with {@code unionhub.calendar.copy-published: true} and provides the
 * {@link BusinessCalendar} bean; it consumes as {@code <application>.calendar} and records what it
 * applied in its inbox under {@code <application without -service>-calendar}.
 *
 * <p>The replicas of a service share that consumer group (so a schedule published while every
 * replica was down is still taken when one starts), so each event reaches one replica; the others
 * learn of it from {@code calendar_years}, which every replica reads again every
 * {@code unionhub.calendar.refresh} (one key look-up per year that matters, default a minute).
 * The calendar takes a version only when it is newer than the one in force
 * ({@link BusinessCalendar#publish(BusinessCalendar.Year, int)}), so a slow read of an older version
 * can never replace a newer one.
 */
public class CalendarCopy implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CalendarCopy.class);
    private static final String COLLECTION = "calendar_years";

    private final BusinessCalendar calendar;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final EventRouter events;
    private final Duration refresh;
    private ScheduledExecutorService refresher;

    public CalendarCopy(BusinessCalendar calendar, MongoTemplate mongo, Clock clock, InboundEvents inbound, String application,
            Duration refresh) {
        this.calendar = calendar;
        this.mongo = mongo;
        this.clock = clock;
        this.refresh = refresh;
        this.events = inbound.router(application.replaceFirst("-service$", "") + "-calendar").on(CalendarYearPublished.class,
                this::take);
    }

    @KafkaListener(topics = Topics.CALENDAR, groupId = "${spring.application.name}.calendar")
    void on(ConsumerRecord<String, byte[]> record) {
        events.accept(record);
    }

    /** Keeps the version unless a newer one is kept already, and applies what is kept. */
    public void take(CalendarYearPublished published) {
        Query olderOrNone = new Query(where("_id").is(published.year()).and("version").lt(published.version()));
        Update newest = new Update().set("version", published.version()).set("daysOff", published.daysOff())
                .set("makeUpWorkdays", published.makeUpWorkdays()).set("source", published.source());
        try {
            mongo.upsert(olderOrNone, newest, COLLECTION);
        } catch (DuplicateKeyException newerKept) {
            log.info("Holiday schedule {} version {} ignored: a newer version is in force", published.year(), published.version());
        }
        apply(published.year());
    }

    /**
     * At start: the kept years from last year to two years ahead (key look-ups), over the shipped
     * files; then looks for newer versions every {@code refresh}.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void applyKept() {
        refresh();
        synchronized (this) {
            if (refresher == null) {
                refresher = DaemonThreads.scheduler("calendar-copy");
                refresher.scheduleWithFixedDelay(this::refreshQuietly, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Applies the kept years that are newer than the versions in force (another replica took them). */
    public void refresh() {
        int thisYear = Year.now(clock.withZone(BusinessCalendar.BEIJING)).getValue();
        for (int year = thisYear - 1; year <= thisYear + 2; year++) {
            apply(year);
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Holiday schedules not read again (next try in {}): {}", refresh, e.toString());
        }
    }

    private void apply(int year) {
        Document kept = mongo.findById(year, Document.class, COLLECTION);
        if (kept == null) {
            return;
        }
        int version = kept.get("version", Number.class).intValue();
        if (calendar.publish(new BusinessCalendar.Year(year, dates(kept.getList("daysOff", String.class)),
                dates(kept.getList("makeUpWorkdays", String.class))), version)) {
            log.info("Holiday schedule {} version {} in force ({})", year, version, kept.getString("source"));
        }
    }

    @Override
    public synchronized void destroy() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    private static Set<LocalDate> dates(List<String> days) {
        return days == null ? Set.of() : days.stream().map(LocalDate::parse).collect(Collectors.toSet());
    }
}
