package cn.unionhub.cases.casework.store;

import cn.unionhub.platform.store.DataSteps;
import cn.unionhub.platform.store.Filters;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The one-time steps over stored cases, run once per database when the service first starts with them. */
@Component
public class CaseDataSteps {

    /** Cases stored before issue #12 gave every case its handling organisation's id. */
    public static final String ORGANISATION_IDS = "cases.organisation-ids";
    /** Cases stored before anonymous workers' cases reached their enterprise's union in batches. */
    public static final String ENTERPRISE_SEES_AT = "cases.enterprise-sees-at";

    private final DataSteps steps;
    private final Cases cases;

    CaseDataSteps(DataSteps steps, Cases cases) {
        this.steps = steps;
        this.cases = cases;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void run() {
        steps.runOnce(ORGANISATION_IDS, cases::fillInOrganisations);
        steps.runOnce(ENTERPRISE_SEES_AT, this::fillInEnterpriseSeesAt);
    }

    /**
     * Cases stored before anonymous workers' cases were released in batches were seen by the enterprise side at
     * once: their opening time is when it saw them, and its lists, which sort and filter by that, keep them.
     *
     * @return how many cases were filled in
     */
    public long fillInEnterpriseSeesAt() {
        return steps.copyWhereMissing(CaseDocument.class, Filters.ENTERPRISE_SEES_AT, "openedAt");
    }
}
