package cn.unionhub.feedback.report;

import cn.unionhub.events.feedback.BulletinPublished;
import cn.unionhub.feedback.report.domain.Bulletin;
import cn.unionhub.feedback.report.store.BulletinCounters;
import cn.unionhub.feedback.report.store.BulletinPublications;
import cn.unionhub.platform.domain.ConflictException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Publishes each district's bulletin once its month is over: automatically early on the 1st
 * (Beijing time) for every district with data, or on demand by district staff. The event carries
 * the headline figures and the path where other systems fetch the whole bulletin.
 */
@Service
public class BulletinPublisher {

    private static final Logger log = LoggerFactory.getLogger(BulletinPublisher.class);
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    /** The outcome of a publication request. */
    public record Publication(BulletinPublished bulletin, boolean created) {
    }

    private final BulletinCounters counters;
    private final BulletinPublications publications;
    private final Clock clock;

    BulletinPublisher(BulletinCounters counters, BulletinPublications publications, Clock clock) {
        this.counters = counters;
        this.publications = publications;
        this.clock = clock;
    }

    /** Publishes a finished month's bulletin, once; a month still running cannot be published. */
    public Publication publish(String district, YearMonth period) {
        if (!period.isBefore(YearMonth.now(clock.withZone(BEIJING)))) {
            throw new ConflictException("bulletin-period-open", district, period.toString());
        }
        Bulletin b = Bulletin.of(district, period, counters.read(district, period), counters.readMonth(district, period.minusMonths(1)));
        String id = "bulletin-" + district + "-" + period;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        BulletinPublished event = new BulletinPublished(id, district, period.toString(), b.submitted(), b.needsHandling(),
                b.resolved(), b.resolutionRate(), b.satisfactionRate(), b.topCategories(),
                "/api/v1/feedback/bulletins/" + district + "/" + period, now);
        boolean created = publications.publish(event);
        if (created) {
            log.info("Published the {} bulletin of district {}", period, district);
        }
        return new Publication(event, created);
    }

    /** Early on the 1st: last month's bulletin of every district that has one. Safe on several instances. */
    @Scheduled(cron = "${unionhub.feedback.bulletin-publication-cron:0 30 1 1 * *}", zone = "Asia/Shanghai")
    void publishLastMonth() {
        YearMonth last = YearMonth.now(clock.withZone(BEIJING)).minusMonths(1);
        for (String district : publications.districtsWithData(last)) {
            try {
                publish(district, last);
            } catch (RuntimeException e) {
                // One district's failure must not keep the others from being published; the next run retries.
                log.warn("Could not publish the {} bulletin of district {}: {}", last, district, e.toString());
            }
        }
    }
}
