package cn.unionhub.feedback.timeline.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineLogTest {

    private static final Instant T = Instant.parse("2026-11-30T01:00:00Z");

    private static List<TimelineLog.Step> steps(String... kinds) {
        List<TimelineLog.Step> steps = new ArrayList<>();
        for (int i = 0; i < kinds.length; i++) {
            steps.add(new TimelineLog.Step(T.plusSeconds(i), kinds[i], null, null));
        }
        return steps;
    }

    @Test
    void entriesOfAllTheWorkersItemsAreNumberedInTheOrderLoggedEachOnce() {
        TimelineLog log = TimelineLog.empty()
                .append("a", "T-A", steps("RECEIVED"))
                .append("b", "T-B", steps("RECEIVED"))
                .append("a", "T-A", steps("RECEIVED", "ROUTED"));
        assertThat(log.last()).isEqualTo(3);
        assertThat(log.entries()).extracting(TimelineLog.Entry::trackingNumber, TimelineLog.Entry::kind, TimelineLog.Entry::number)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("T-A", "RECEIVED", 1L), org.assertj.core.groups.Tuple.tuple("T-B", "RECEIVED", 2L),
                        org.assertj.core.groups.Tuple.tuple("T-A", "ROUTED", 3L));
        assertThat(log.append("a", "T-A", steps("RECEIVED", "ROUTED"))).as("told again: nothing new").isSameAs(log);
    }

    @Test
    void anEntryWhoseLoggingWasLostIsLoggedWithTheItemsNextChange() {
        TimelineLog log = TimelineLog.empty().append("a", "T-A", steps("RECEIVED"));
        // ROUTED was written to the item but not logged; RESPONDED comes with the whole timeline.
        TimelineLog next = log.append("a", "T-A", steps("RECEIVED", "ROUTED", "RESPONDED"));
        assertThat(next.after(1).orElseThrow()).extracting(TimelineLog.Entry::kind).containsExactly("ROUTED", "RESPONDED");
    }

    @Test
    void aReaderGetsExactlyWhatFollowsItsLastNumberOrIsToldToReload() {
        TimelineLog log = TimelineLog.empty();
        for (int i = 0; i < TimelineLog.KEPT + 10; i++) {
            log = log.append("item-" + i, "T-" + i, steps("RECEIVED"));
        }
        assertThat(log.entries()).hasSize(TimelineLog.KEPT);
        long last = log.last();
        assertThat(log.after(last)).contains(List.of());
        assertThat(log.after(last - 2).orElseThrow()).extracting(TimelineLog.Entry::number).containsExactly(last - 1, last);
        assertThat(log.after(10).orElseThrow()).as("the oldest kept is 11").hasSize(TimelineLog.KEPT);
        assertThat(log.after(9)).as("entry 10 is no longer kept").isEmpty();
        assertThat(log.after(last + 1)).as("a number this log never gave").isEmpty();
        assertThat(log.after(-1)).isEmpty();
    }

    @Test
    void itRemembersWhatItLoggedOfTheWorkersNewestItemsOnly() {
        TimelineLog log = TimelineLog.empty();
        for (int i = 0; i < TimelineLog.ITEMS + 1; i++) {
            log = log.append("item-" + i, "T-" + i, steps("RECEIVED"));
        }
        assertThat(log.logged()).hasSize(TimelineLog.ITEMS).doesNotContainKey("item-0").containsKey("item-" + TimelineLog.ITEMS);
    }
}
