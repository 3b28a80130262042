package cn.unionhub.feedback.submission.store;

import cn.unionhub.platform.store.DataSteps;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The one-time steps over stored feedback items, run once per database when the service first starts with them. */
@Component
public class SubmissionDataSteps {

    /** Items stored before anonymous workers' items reached their enterprise's union in batches. */
    public static final String ENTERPRISE_SEES_AT = "feedback.enterprise-sees-at";

    private final DataSteps steps;
    private final FeedbackItems items;

    SubmissionDataSteps(DataSteps steps, FeedbackItems items) {
        this.steps = steps;
        this.items = items;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void run() {
        steps.runOnce(ENTERPRISE_SEES_AT, items::fillInEnterpriseSeesAt);
    }
}
