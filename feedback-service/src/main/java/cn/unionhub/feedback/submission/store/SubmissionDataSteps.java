package cn.unionhub.feedback.submission.store;

import cn.unionhub.platform.store.DataSteps;
import cn.unionhub.platform.store.Filters;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The one-time steps over stored feedback items, run once per database when the service first starts with them. */
@Component
public class SubmissionDataSteps {

    /** Items stored before anonymous workers' items reached their enterprise's union in batches. */
    public static final String ENTERPRISE_SEES_AT = "feedback.enterprise-sees-at";

    private final DataSteps steps;

    SubmissionDataSteps(DataSteps steps) {
        this.steps = steps;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void run() {
        steps.runOnce(ENTERPRISE_SEES_AT, this::fillInEnterpriseSeesAt);
    }

    /**
     * Items stored before anonymous workers' items were released in batches were seen by the enterprise side at
     * once: their submission time is when it saw them, and its list, which sorts and filters by that, keeps them.
     *
     * @return how many items were filled in
     */
    public long fillInEnterpriseSeesAt() {
        return steps.copyWhereMissing(FeedbackDocument.class, Filters.ENTERPRISE_SEES_AT, "submittedAt");
    }
}
