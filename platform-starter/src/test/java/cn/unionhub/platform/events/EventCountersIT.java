package cn.unionhub.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.platform.store.EventCounters;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.StoreWork;
import cn.unionhub.test.TestInfrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Counters kept from events: a poll at a time, each event once in each document, whatever is delivered again. */
@IntegrationTest
class EventCountersIT {

    @Autowired
    MongoTemplate mongo;

    private final String collection = "counters_" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aPollIsCountedOnceInEachDocumentInPartsOfOneReadAndOneWrite() {
        EventCounters counters = new EventCounters(mongo, collection);
        List<EventCounters.Counted> poll = IntStream.range(0, 250).mapToObj(i -> submitted("item-" + i, i % 2 == 0)).toList();
        List<Integer> parts = new ArrayList<>();

        long commands;
        try (StoreWork work = new StoreWork(TestInfrastructure.get().mongoUri())) {
            StoreWork.Reading before = work.read();
            counters.countAll(poll, part -> parts.add(part.size()));
            commands = work.read().minus(before).commands();
        }

        assertThat(parts).containsExactly(100, 100, 50);
        // One read and one bulk write per part, plus the reading's own serverStatus (this JVM's relay may add a few).
        assertThat(commands).isBetween(2L * 3 + 1, 2L * 3 + 4);
        Document month = mongo.findById("district:330211:2026-12", Document.class, collection);
        assertThat(month.get("submitted", Number.class).longValue()).isEqualTo(250);
        assertThat(month.getString("district")).isEqualTo("330211");
        assertThat(mongo.findById("district:330211:open", Document.class, collection).get("open", Number.class).longValue())
                .isEqualTo(125);
    }

    /** A process stopped after a part's write and before its inbox entry gets that poll again, perhaps with more. */
    @Test
    void aPollDeliveredAgainWithMoreEventsCountsOnlyTheNewOnes() {
        EventCounters counters = new EventCounters(mongo, collection);
        List<EventCounters.Counted> first = IntStream.range(0, 30).mapToObj(i -> submitted("item-" + i, true)).toList();
        counters.countAll(first, part -> { });

        List<EventCounters.Counted> again = new ArrayList<>(IntStream.range(0, 45).mapToObj(i -> submitted("item-" + i, true)).toList());
        again.add(submitted("item-3", true)); // published twice under two event ids: the same submission
        counters.countAll(again, part -> { });

        assertThat(mongo.findById("district:330211:2026-12", Document.class, collection).get("submitted", Number.class).longValue())
                .isEqualTo(45);
        assertThat(mongo.findById("district:330211:open", Document.class, collection).get("open", Number.class).longValue())
                .isEqualTo(45);
    }

    /**
     * Two replicas' consumers count the same events at once (a rebalance hands a partition over while
     * its poll is still being applied): whoever writes second finds its insert refused, reads again and
     * counts nothing twice.
     */
    @Test
    void writersCountingTheSameEventsAtOnceCountEachOnce() throws Exception {
        List<EventCounters.Counted> poll = IntStream.range(0, EventCounters.PART).mapToObj(i -> submitted("item-" + i, true)).toList();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> work = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                work.add(() -> {
                    new EventCounters(mongo, collection).countAll(poll, part -> { });
                    return null;
                });
            }
            for (Future<Void> done : writers.invokeAll(work)) {
                done.get();
            }
        } finally {
            writers.shutdown();
        }

        assertThat(mongo.findById("district:330211:2026-12", Document.class, collection).get("submitted", Number.class).longValue())
                .isEqualTo(EventCounters.PART);
        assertThat(mongo.findById("district:330211:open", Document.class, collection).get("open", Number.class).longValue())
                .isEqualTo(EventCounters.PART);
    }

    /** What a bulletin projection counts for one submission: the district's month, and the backlog if it needs handling. */
    private static EventCounters.Counted submitted(String item, boolean needsHandling) {
        List<EventCounters.Increment> moves = new ArrayList<>();
        moves.add(new EventCounters.Increment("district:330211:2026-12", Map.of("submitted", 1L),
                Map.of("district", "330211", "period", "2026-12")));
        if (needsHandling) {
            moves.add(new EventCounters.Increment("district:330211:open", Map.of("open", 1L), Map.of()));
        }
        return new EventCounters.Counted("submitted:" + item, moves);
    }
}
