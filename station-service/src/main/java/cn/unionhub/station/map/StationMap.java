package cn.unionhub.station.map;

import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.platform.identity.Masking;
import cn.unionhub.station.hours.domain.OpeningHours;
import cn.unionhub.station.hours.domain.OsmOpeningHours;
import cn.unionhub.station.map.domain.NearestIndex;
import cn.unionhub.station.map.domain.Position;
import cn.unionhub.station.registry.StationService;
import cn.unionhub.station.registry.domain.Station;
import cn.unionhub.station.registry.store.Stations;
import cn.unionhub.station.service.domain.StationServiceType;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The stations workers can see, in memory for the nearest-station search: read once when the
 * instance starts, then kept current station by station — by this instance's own changes at once,
 * and by the other instances' through station.events ({@link StationMapEvents}). A search never
 * touches the database. Each station is kept as the map shows it ({@link Pin}: a few hundred bytes,
 * opening hours shared between stations with the same schedule), so a province's 100,000 stations
 * fit in a small heap.
 */
@Component
public class StationMap {

    private static final Logger log = LoggerFactory.getLogger(StationMap.class);

    /**
     * A station as the map shows it.
     *
     * @param services the offered services as bits of {@link StationServiceType#ordinal()}
     * @param phone    the manager's phone, masked
     */
    public record Pin(String number, String name, String type, String address, Position location, int services,
            OpeningHours hours, String openingHours, boolean rectifying, String phone) {

        public boolean offers(StationServiceType service) {
            return (services & (1 << service.ordinal())) != 0;
        }

        public List<String> serviceNames() {
            return Arrays.stream(StationServiceType.values()).filter(this::offers).map(Enum::name).sorted().toList();
        }
    }

    /** A station near someone, with its straight-line distance. */
    public record Nearby(Pin pin, double metres) {
    }

    /** A station as stored now, by its number. */
    private final Function<String, Optional<Station>> read;
    /** Every station workers can see as stored now, for the start-up read. */
    private final Consumer<Consumer<Station>> visible;
    private final BusinessCalendar calendar;
    private final NearestIndex<Pin> index = new NearestIndex<>();
    /** A schedule and its text, one per distinct opening_hours text: most stations share a handful. */
    private record Schedule(String text, OpeningHours hours) {
    }

    private final Map<String, Schedule> schedules = new ConcurrentHashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /**
     * A refresh reads a station and then applies what it read; two refreshes of one station (this
     * instance's own change and a station event on the listener thread) could otherwise apply in the
     * other order and leave the older state on the map. Holding the station's stripe across the read
     * and the apply makes the refresh that reads last the one that applies last.
     */
    private final Object[] stripes = new Object[64];
    /** Stations refreshed since a whole read ({@link #load}) began: it may have seen them older, so it leaves them be. */
    private volatile Set<String> refreshedWhileLoading;
    /** One whole read at a time. */
    private final Object loading = new Object();

    @Autowired
    StationMap(Stations stations, BusinessCalendar calendar) {
        this(stations::byNumber, stations::forEachVisible, calendar);
    }

    StationMap(Function<String, Optional<Station>> read, Consumer<Consumer<Station>> visible, BusinessCalendar calendar) {
        this.read = read;
        this.visible = visible;
        this.calendar = calendar;
        Arrays.setAll(stripes, i -> new Object());
    }

    /**
     * Reads every station workers can see (when, see {@link StationMapEvents}). Stations on the map
     * that are no longer visible are taken off; a station refreshed while this ran is left as that
     * refresh found it.
     */
    public void load() {
        synchronized (loading) {
            Set<String> refreshed = ConcurrentHashMap.newKeySet();
            refreshedWhileLoading = refreshed;
            Set<String> before;
            lock.readLock().lock();
            try {
                before = index.ids();
            } finally {
                lock.readLock().unlock();
            }
            Set<String> seen = new HashSet<>();
            visible.accept(station -> {
                seen.add(station.number());
                synchronized (stripe(station.number())) {
                    if (!refreshed.contains(station.number())) {
                        put(station);
                    }
                }
            });
            before.removeAll(seen);
            for (String gone : before) {
                synchronized (stripe(gone)) {
                    if (!refreshed.contains(gone)) {
                        remove(gone);
                    }
                }
            }
            refreshedWhileLoading = null;
            log.info("Station map loaded: {} stations workers can see, {} distinct schedules", seen.size(), schedules.size());
        }
    }

    @EventListener
    public void changed(StationService.StationChanged changed) {
        refresh(changed.number());
    }

    /** Reads one station again (a key look-up) and puts it on the map or takes it off. */
    public void refresh(String number) {
        synchronized (stripe(number)) {
            Set<String> loading = refreshedWhileLoading;
            if (loading != null) {
                loading.add(number);
            }
            read.apply(number).ifPresentOrElse(this::put, () -> remove(number));
        }
    }

    private Object stripe(String number) {
        return stripes[Math.floorMod(number.hashCode(), stripes.length)];
    }

    /**
     * The {@code limit} nearest stations open at {@code at} (optionally offering {@code service}),
     * no farther than {@code radiusMetres}, nearest first.
     */
    public List<Nearby> nearestOpen(Position from, StationServiceType service, int limit, double radiusMetres, Instant at) {
        lock.readLock().lock();
        try {
            return index.nearest(from, limit, radiusMetres, pin -> (service == null || pin.offers(service))
                    && pin.hours().isOpenAt(at, calendar)).stream().map(found -> new Nearby(found.value(), found.metres())).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void put(Station station) {
        if (!station.isVisibleToWorkers()) {
            remove(station.number());
            return;
        }
        Schedule schedule = schedules.computeIfAbsent(OsmOpeningHours.format(station.hours()), text -> new Schedule(text, station.hours()));
        int services = 0;
        for (StationServiceType service : station.services()) {
            services |= 1 << service.ordinal();
        }
        Pin pin = new Pin(station.number(), station.name(), station.type().name(), station.address(), station.location(), services,
                schedule.hours(), schedule.text(),
                station.status() == Station.Status.RECTIFYING,
                station.manager() == null ? null : Masking.mobile(station.manager().phone()));
        lock.writeLock().lock();
        try {
            index.put(station.number(), station.location(), pin);
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
