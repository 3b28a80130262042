package cn.unionhub.station.registry.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One 六有 inspection: who, when, which items were found met, and whether the station passed. Map
 * information older than the allowed age counts as not met, whatever the inspector ticked: a worker
 * following an old pin finds nothing.
 *
 * @param met              the items the inspector found met
 * @param mapInfoUpdatedOn when the station's map entry was last checked against the place
 * @param failed           the items not met, map information included when too old
 */
public record Inspection(String by, Instant at, Set<SixHaves> met, LocalDate mapInfoUpdatedOn, List<SixHaves> failed,
        String note) {

    public Inspection {
        met = met.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(met));
        failed = List.copyOf(failed);
    }

    public boolean passed() {
        return failed.isEmpty();
    }

    static Inspection of(String by, Instant at, Set<SixHaves> met, LocalDate mapInfoUpdatedOn, LocalDate today, int maxMapAgeDays,
            String note) {
        EnumSet<SixHaves> failed = EnumSet.allOf(SixHaves.class);
        failed.removeAll(met);
        if (mapInfoUpdatedOn == null || mapInfoUpdatedOn.isAfter(today) || mapInfoUpdatedOn.plusDays(maxMapAgeDays).isBefore(today)) {
            failed.add(SixHaves.MAP_INFORMATION);
        }
        return new Inspection(by, at, met, mapInfoUpdatedOn, List.copyOf(failed), note);
    }
}
