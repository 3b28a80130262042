package cn.unionhub.station.map;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.platform.calendar.CalendarFiles;
import cn.unionhub.station.map.domain.Position;
import cn.unionhub.station.registry.domain.Station;
import cn.unionhub.station.registry.domain.StationType;
import cn.unionhub.station.service.domain.StationServiceType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Two refreshes of one station race: the listener thread reads the station before a change and the
 * request thread after it. Whatever order they finish in, the map must end with what was read last.
 */
class StationMapTest {

    private static final BusinessCalendar CALENDAR = CalendarFiles.load(null);
    private static final Instant AT = Instant.parse("2026-11-02T01:00:00Z");
    private static final Station.Application FORM = new Station.Application("思明区中山路快递小哥驿站", StationType.CO_BUILT_BANK,
            "350203", "厦门市思明区中山路 88 号", Position.gcj02(24.4563, 118.0830), Set.of(StationServiceType.PHONE_CHARGING), "24/7",
            new Station.Manager("林经理", "13905920000"), List.of());
    private static final Position HERE = Position.gcj02(24.4564, 118.0830);

    @Test
    void aRefreshThatReadTheOlderStationNeverOverwritesOneThatReadTheNewer() throws Exception {
        Station applied = Station.imported("FJ-350203-0001", FORM, false, AT).station();
        Station listed = Station.imported("FJ-350203-0001", FORM, true, AT).station();
        AtomicReference<Station> stored = new AtomicReference<>(applied);
        CountDownLatch staleReadTaken = new CountDownLatch(1);
        AtomicReference<Thread> requestThread = new AtomicReference<>();
        AtomicBoolean requestDone = new AtomicBoolean();
        StationMap map = new StationMap(number -> {
            Station now = stored.get();
            if (Thread.currentThread().getName().equals("listener")) {
                // The listener has read the station as it was; hold that read until the request
                // thread has listed the station and refreshed (or is waiting to).
                staleReadTaken.countDown();
                awaitBlockedOrDone(requestThread, requestDone);
            }
            return Optional.of(now);
        }, each -> { }, CALENDAR);
        map.load();

        Thread listener = new Thread(() -> map.refresh("FJ-350203-0001"), "listener");
        listener.start();
        assertThat(staleReadTaken.await(10, TimeUnit.SECONDS)).isTrue();
        Thread request = new Thread(() -> {
            stored.set(listed);
            map.refresh("FJ-350203-0001");
            requestDone.set(true);
        }, "request");
        requestThread.set(request);
        request.start();
        listener.join(10_000);
        request.join(10_000);
        assertThat(listener.isAlive() || request.isAlive()).isFalse();

        assertThat(map.nearestOpen(HERE, null, 10, 500, AT)).extracting(nearby -> nearby.pin().number())
                .as("listed, as the last read saw it").containsExactly("FJ-350203-0001");
    }

    @Test
    void theStartUpReadLeavesAloneAStationRefreshedWhileItRan() {
        Station listed = Station.imported("FJ-350203-0001", FORM, true, AT).station();
        Station delisted = listed.delist("逾期未整改", AT).station();
        AtomicReference<StationMap> map = new AtomicReference<>();
        map.set(new StationMap(number -> Optional.of(delisted), each -> {
            // The start-up read saw the station listed; it was delisted and refreshed before that read reached it.
            map.get().refresh("FJ-350203-0001");
            each.accept(listed);
        }, CALENDAR));
        map.get().load();

        assertThat(map.get().nearestOpen(HERE, null, 10, 500, AT)).isEmpty();
    }

    @Test
    void aSecondWholeReadTakesOffAStationNoLongerVisible() {
        Station listed = Station.imported("FJ-350203-0001", FORM, true, AT).station();
        AtomicReference<List<Station>> visible = new AtomicReference<>(List.of(listed));
        StationMap map = new StationMap(number -> Optional.empty(), each -> visible.get().forEach(each), CALENDAR);
        map.load();
        assertThat(map.nearestOpen(HERE, null, 10, 500, AT)).hasSize(1);

        // Delisted by another instance before this one listened to its changes: only the read once listening sees it.
        visible.set(List.of());
        map.load();
        assertThat(map.nearestOpen(HERE, null, 10, 500, AT)).isEmpty();
    }

    /** Waits until the thread that will refresh has done so or is waiting for the station's lock. */
    private static void awaitBlockedOrDone(AtomicReference<Thread> request, AtomicBoolean done) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            Thread t = request.get();
            if (done.get() || t != null && t.getState() == Thread.State.BLOCKED) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the request thread neither refreshed nor waited");
    }
}
