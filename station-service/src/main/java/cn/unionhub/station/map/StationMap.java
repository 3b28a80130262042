package cn.unionhub.station.map;

import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.station.map.domain.NearestIndex;
import cn.unionhub.station.map.domain.Position;
import cn.unionhub.station.registry.StationService;
import cn.unionhub.station.registry.domain.Station;
import cn.unionhub.station.registry.store.Stations;
import cn.unionhub.station.service.domain.StationServiceType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The stations workers can see, in memory for the nearest-station search: read once when the
 * instance starts, then kept current station by station — by this instance's own changes at once,
 * and by the other instances' through station.events ({@link StationMapEvents}). A search never
 * touches the database.
 */
@Component
public class StationMap {

    private static final Logger log = LoggerFactory.getLogger(StationMap.class);

    private final Stations stations;
    private final BusinessCalendar calendar;
    private final Clock clock;
    private final NearestIndex<Station> index = new NearestIndex<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    StationMap(Stations stations, BusinessCalendar calendar, Clock clock) {
        this.stations = stations;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** A station near someone, with its straight-line distance. */
    public record Nearby(Station station, double metres) {
    }

    @EventListener(ApplicationReadyEvent.class)
    public void load() {
        int[] count = {0};
        stations.forEachVisible(station -> {
            put(station);
            count[0]++;
        });
        log.info("Station map loaded: {} stations workers can see", count[0]);
    }

    @EventListener
    public void changed(StationService.StationChanged changed) {
        refresh(changed.number());
    }

    /** Reads one station again (a key look-up) and puts it on the map or takes it off. */
    public void refresh(String number) {
        stations.byNumber(number).ifPresentOrElse(this::put, () -> remove(number));
    }

    /**
     * The {@code limit} nearest stations open at {@code at} (optionally offering {@code service}),
     * no farther than {@code radiusMetres}, nearest first.
     */
    public List<Nearby> nearestOpen(Position from, StationServiceType service, int limit, double radiusMetres, Instant at) {
        lock.readLock().lock();
        try {
            return index.nearest(from, limit, radiusMetres, s -> (service == null || s.services().contains(service))
                    && s.isOpenAt(at, calendar)).stream().map(found -> new Nearby(found.value(), found.metres())).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    public Instant now() {
        return clock.instant();
    }

    private void put(Station station) {
        lock.writeLock().lock();
        try {
            if (station.isVisibleToWorkers()) {
                index.put(station.number(), station.location(), station);
            } else {
                index.remove(station.number());
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void remove(String number) {
        lock.writeLock().lock();
        try {
            index.remove(number);
        } finally {
            lock.writeLock().unlock();
        }
    }
}
