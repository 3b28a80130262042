package cn.unionhub.cases.casework.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.cases.casework.domain.Case;
import cn.unionhub.cases.casework.domain.CaseFacts;
import cn.unionhub.cases.casework.domain.CaseRules;
import cn.unionhub.cases.registry.RegisterCopy;
import cn.unionhub.cases.registry.RegisterFixtures;
import cn.unionhub.platform.store.DataSteps;
import cn.unionhub.test.IntegrationTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Issue #12: cases stored before cases carried their handling organisation's id were missing from
 * that organisation's work queue. A one-time data step fills the id in; it runs once per database.
 */
@IntegrationTest
class CaseDataStepsIT {

    @BeforeEach
    void districtsRegistered(@Autowired RegisterCopy register) {
        RegisterFixtures.registerPilotDistricts(register);
    }


    @Autowired
    Cases cases;
    @Autowired
    CaseRules rules;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    DataSteps steps;
    @Autowired
    CaseDataSteps dataSteps;

    @Test
    void aCaseStoredWithoutItsOrganisationReachesThatOrganisationsQueueAfterTheOneTimeStep() {
        assertThat(steps.done(CaseDataSteps.ORGANISATION_IDS)).as("ran when the service started").isTrue();
        assertThat(steps.runOnce(CaseDataSteps.ORGANISATION_IDS, () -> {
            throw new AssertionError("a finished step must not run again");
        })).isFalse();

        Case.Intake intake = new Case.Intake("case-fb-legacy-1", Case.Source.FEEDBACK, "fb-legacy-1", "fb-legacy-1",
                "ZGDP-20260301-LEGACY", new Case.Matter("CANTEEN_DORMITORY_COMMUTE", "91330211MA2H3K5Q1G", "宁波富德能源有限公司",
                        "330211", "REGULAR", "MINI_PROGRAM", "食堂饭菜质量差", null, null), false, Case.By.WORKER);
        Case.Changed opened = Case.open(intake, rules.routing().route(CaseFacts.of(intake.matter(), Case.priorityOf(intake),
                intake.source())), rules, "GD-20260301-4EGACY", Instant.now());
        // Opened now, not on its legacy date: deadlines long past would let the deadline watcher
        // escalate it at any moment of this test, adding history the assertion below must not see.
        cases.insert(opened);
        String organisation = opened.changed().handledBy().id();
        // As a case written before issue #12 was stored: no organisation id.
        mongo.updateFirst(new Query(Criteria.where("_id").is(intake.id())), new Update().unset("organisation"), CaseDocument.class);
        assertThat(queue(organisation)).doesNotContain(intake.id());

        assertThat(cases.fillInOrganisations()).isEqualTo(1);

        assertThat(queue(organisation)).contains(intake.id());
        assertThat(cases.byId(intake.id()).orElseThrow().history()).as("no entry, nothing announced")
                .hasSameSizeAs(opened.changed().history());
        assertThat(cases.fillInOrganisations()).as("nothing left to fill in").isZero();
    }

    @Test
    void aCaseStoredBeforeReleasesStaysInTheEnterpriseSidesListAndTheOneTimeStepGivesItItsTime() {
        assertThat(steps.done(CaseDataSteps.ENTERPRISE_SEES_AT)).as("ran when the service started").isTrue();
        Case.Intake intake = new Case.Intake("case-fb-legacy-2", Case.Source.FEEDBACK, "fb-legacy-2", "fb-legacy-2",
                "ZGDP-20260301-LEGAC2", new Case.Matter("CANTEEN_DORMITORY_COMMUTE", "91330211MA2H3K5Q1G", "宁波富德能源有限公司",
                        "330211", "REGULAR", "MINI_PROGRAM", "宿舍热水时有时无", null, null), false, Case.By.WORKER);
        Case.Changed opened = Case.open(intake, rules.routing().route(CaseFacts.of(intake.matter(), Case.priorityOf(intake),
                intake.source())), rules, "GD-20260301-4EGAC2", Instant.now());
        cases.insert(opened);
        // As a case written before the enterprise side's lists sorted and filtered by when it saw each case.
        mongo.updateFirst(new Query(Criteria.where("_id").is(intake.id())), new Update().unset("enterpriseSeesAt"), CaseDocument.class);
        Cases.Filter chairsList = new Cases.Filter("91330211MA2H3K5Q1G", null, null, null, null, null, null, null, null, null,
                Instant.now().plusSeconds(1));
        assertThat(cases.page(chairsList, 0, 1000)).as("seen at once, as before (a rolling update)").extracting(Case::id)
                .contains(intake.id());

        assertThat(dataSteps.fillInEnterpriseSeesAt()).isEqualTo(1);

        assertThat(mongo.findById(intake.id(), org.bson.Document.class, "cases").getDate("enterpriseSeesAt"))
                .isEqualTo(java.util.Date.from(opened.changed().deadlines().openedAt()));
        assertThat(cases.page(chairsList, 0, 1000)).extracting(Case::id).contains(intake.id());
        assertThat(dataSteps.fillInEnterpriseSeesAt()).as("nothing left to fill in").isZero();
    }

    private List<String> queue(String organisation) {
        return cases.page(new Cases.Filter(null, null, null, null, null, null, null, null, null, organisation, null), 0, 100).stream()
                .map(Case::id).toList();
    }
}
