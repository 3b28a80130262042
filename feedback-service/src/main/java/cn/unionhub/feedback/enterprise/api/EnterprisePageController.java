package cn.unionhub.feedback.enterprise.api;

import cn.unionhub.feedback.enterprise.domain.EnterprisePage;
import cn.unionhub.feedback.enterprise.store.EnterpriseStats;
import cn.unionhub.feedback.registry.domain.EnterpriseDirectory;
import cn.unionhub.feedback.submission.FeedbackProperties;
import cn.unionhub.feedback.submission.domain.FeedbackItem;
import cn.unionhub.feedback.submission.store.FeedbackItems;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.identity.Masking;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public enterprise pages: what workers think of an employer, and how its union answers them.
 * Every enterprise in the register has one (closed ones say so); others have none.
 */
@RestController
@RequestMapping("/api/v1/feedback/enterprises")
class EnterprisePageController {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final int RECENT = 5;

    private final EnterpriseStats stats;
    private final EnterpriseDirectory directory;
    private final FeedbackItems items;
    private final FeedbackProperties properties;

    EnterprisePageController(EnterpriseStats stats, EnterpriseDirectory directory, FeedbackItems items,
            FeedbackProperties properties) {
        this.stats = stats;
        this.directory = directory;
        this.items = items;
        this.properties = properties;
    }

    @GetMapping("/{enterprise}")
    EnterprisePage page(@PathVariable("enterprise") String given) {
        // Credit codes are upper case; a submission takes one in lower case, so the page does too.
        String enterprise = given.strip().toUpperCase(java.util.Locale.ROOT);
        var listed = directory.find(enterprise)
                .orElseThrow(() -> new NotFoundException("enterprise-not-found", enterprise));
        EnterpriseStats.Stored stored = stats.read(enterprise);
        // The ids the projection kept, read by key; an item reopened since (no resolution time now) is left out.
        List<EnterprisePage.Resolved> recent = items.byIds(stored.recentlyResolved()).stream()
                .filter(item -> item.resolvedAt() != null)
                .sorted(Comparator.comparing(FeedbackItem::resolvedAt).reversed())
                .limit(RECENT).map(EnterprisePageController::disclosed).toList();
        return EnterprisePage.of(enterprise, listed.name(), listed.district(), listed.status(), stored.stats(), recent,
                properties.kAnonymity());
    }

    /**
     * What was done, from the resolution step; the worker's own words are never disclosed, and the
     * staff's text is masked (the worker's name wherever it appears, names and numbers as case notes write them).
     */
    private static EnterprisePage.Resolved disclosed(FeedbackItem item) {
        String whatWasDone = item.timeline().stream().filter(step -> step.kind().equals("RESOLVED"))
                .reduce((first, last) -> last).map(FeedbackItem.TimelineEntry::note)
                .map(note -> Masking.inPublishedText(note, java.util.Collections.singletonList(item.submitter().contactName())))
                .orElse(null);
        return new EnterprisePage.Resolved(item.content().type().name(), item.content().category().name(), whatWasDone,
                item.resolvedAt().atZone(BEIJING).toLocalDate());
    }
}
