package cn.unionhub.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.platform.store.ReleaseQueue;
import cn.unionhub.test.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Work waiting for shared instants: nothing before its time, everything of a release once, in the order of the
 * items' ids (not the order they were queued), past one read's batch; a failing item stays for the next run.
 */
@IntegrationTest
class ReleaseQueueIT {

    private static final Instant NOON = Instant.parse("2026-12-03T04:00:00Z");
    private static final Instant THREE = NOON.plus(Duration.ofHours(3));

    @Autowired
    MongoTemplate mongo;

    @Test
    void eachItemIsHandedOverOnceAtItsReleaseInTheOrderOfItsId() {
        ReleaseQueue queue = new ReleaseQueue(mongo, "test-release-" + UUID.randomUUID());
        queue.add("c", NOON, new Document("n", 3));
        queue.add("a", NOON, new Document("n", 1));
        queue.add("a", NOON, new Document("n", 99)); // again: the first stays
        queue.addAll(List.of(new ReleaseQueue.Due("b", NOON, new Document("n", 2)), new ReleaseQueue.Due("later", THREE, null)));
        List<String> handed = new ArrayList<>();

        assertThat(queue.fire(NOON.minusMillis(1), due -> handed.add(due.id()))).isZero();
        assertThat(queue.fire(NOON, due -> handed.add(due.id() + due.data().getInteger("n")))).isEqualTo(3);
        assertThat(handed).containsExactly("a1", "b2", "c3");
        assertThat(queue.fire(NOON.plusSeconds(30), due -> handed.add(due.id()))).as("once").isZero();
        assertThat(queue.fire(THREE, due -> handed.add(due.id()))).isEqualTo(1);
        assertThat(handed).endsWith("later");
    }

    @Test
    void aFailingItemStaysAndAReleaseLargerThanOneReadIsHandedOverWhole() {
        ReleaseQueue queue = new ReleaseQueue(mongo, "test-release-" + UUID.randomUUID());
        queue.addAll(IntStream.range(0, 1_203).mapToObj(i -> new ReleaseQueue.Due(String.format("case-%05d", i), NOON, null)).toList());
        List<String> handed = new ArrayList<>();

        int first = queue.fire(NOON, due -> {
            if (due.id().equals("case-00600")) {
                throw new IllegalStateException("store away");
            }
            handed.add(due.id());
        });

        assertThat(first).isEqualTo(1_202);
        assertThat(handed).hasSize(1_202).isSorted().doesNotContain("case-00600");
        assertThat(queue.fire(NOON.plusSeconds(30), due -> handed.add(due.id()))).isEqualTo(1);
        assertThat(handed).endsWith("case-00600");
    }
}
