package cn.unionhub.feedback.enterprise.store;

import cn.unionhub.feedback.submission.store.FeedbackItems;
import cn.unionhub.platform.store.DataSteps;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The one-time steps over stored enterprise pages, run once per database when the service first starts with them. */
@Component
public class EnterprisePageDataSteps {

    /** Pages kept before each named the items resolved last (the page searched every stored item for them). */
    public static final String RECENTLY_RESOLVED = "enterprise-pages.recently-resolved";

    private final DataSteps steps;
    private final FeedbackItems items;
    private final EnterpriseStats stats;

    EnterprisePageDataSteps(DataSteps steps, FeedbackItems items, EnterpriseStats stats) {
        this.steps = steps;
        this.items = items;
        this.stats = stats;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void run() {
        steps.runOnce(RECENTLY_RESOLVED, this::rememberRecentlyResolved);
    }

    /**
     * One pass over the stored items, keeping each enterprise's newest resolutions in memory (trimmed
     * to {@link EnterpriseStats#RESOLVED_KEPT} whenever twice that have gathered), then one update per
     * enterprise, which keeps the newest of them in order as the projection's do. Running it twice,
     * or beside the projection, can name an item twice; the page reads each id once.
     */
    public long rememberRecentlyResolved() {
        Comparator<EnterpriseStats.Resolution> newestFirst =
                Comparator.comparing(EnterpriseStats.Resolution::resolvedAt).reversed();
        Map<String, List<EnterpriseStats.Resolution>> newest = new HashMap<>();
        items.forEachResolved((id, enterprise, resolvedAt) -> {
            List<EnterpriseStats.Resolution> kept = newest.computeIfAbsent(enterprise, e -> new ArrayList<>());
            kept.add(new EnterpriseStats.Resolution(id, resolvedAt));
            if (kept.size() > 2 * EnterpriseStats.RESOLVED_KEPT) {
                kept.sort(newestFirst);
                kept.subList(EnterpriseStats.RESOLVED_KEPT, kept.size()).clear();
            }
        });
        newest.forEach(stats::rememberResolved);
        return newest.size();
    }
}
