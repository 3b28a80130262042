package cn.unionhub.station.map.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NearestIndexTest {

    /** The index must find exactly what measuring every point would find. */
    @Test
    void findsTheSameNearestPointsAsMeasuringEveryOne() {
        Random random = new Random(42);
        NearestIndex<Integer> index = new NearestIndex<>();
        List<Position> points = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            Position p = Position.wgs84(24.3 + random.nextDouble() * 0.4, 117.9 + random.nextDouble() * 0.4); // 厦门
            points.add(p);
            index.put("s" + i, p, i);
        }
        for (int q = 0; q < 200; q++) {
            Position from = Position.wgs84(24.25 + random.nextDouble() * 0.5, 117.85 + random.nextDouble() * 0.5);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                if (i % 3 != 0 && from.metresTo(points.get(i)) <= 8_000) {
                    expected.add(i);
                }
            }
            expected.sort(Comparator.comparingDouble(i -> from.metresTo(points.get(i))));
            List<Integer> found = index.nearest(from, 5, 8_000, i -> i % 3 != 0).stream().map(NearestIndex.Found::value).toList();
            assertThat(found).as("query %d from %s", q, from).isEqualTo(expected.subList(0, Math.min(5, expected.size())));
        }
    }

    @Test
    void movedAndRemovedPointsAreFoundWhereTheyAreNow() {
        NearestIndex<String> index = new NearestIndex<>();
        index.put("a", Position.wgs84(24.48, 118.09), "a");
        index.put("b", Position.wgs84(24.50, 118.10), "b");
        index.put("a", Position.wgs84(26.07, 119.30), "a"); // moved to 福州
        index.remove("b");
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.nearest(Position.wgs84(24.48, 118.09), 3, 50_000, s -> true)).isEmpty();
        assertThat(index.nearest(Position.gcj02(26.07, 119.30), 3, 50_000, s -> true)).extracting(NearestIndex.Found::value)
                .containsExactly("a");
    }
}
