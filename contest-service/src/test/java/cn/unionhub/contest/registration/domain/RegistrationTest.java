package cn.unionhub.contest.registration.domain;

import static cn.unionhub.contest.fixtures.Contests.COUNTY_OFFICE;
import static cn.unionhub.contest.fixtures.Contests.COUNTY_WELDING;
import static cn.unionhub.contest.fixtures.Contests.REGISTRATION_CLOSES;
import static cn.unionhub.contest.fixtures.Contests.beijing;
import static cn.unionhub.contest.fixtures.Contests.county;
import static cn.unionhub.contest.fixtures.People.SHIGANG;
import static cn.unionhub.contest.fixtures.People.employee;
import static cn.unionhub.contest.fixtures.People.notEmployed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.unionhub.contest.contest.domain.Contest;
import cn.unionhub.contest.contest.domain.EventRules;
import cn.unionhub.contest.contest.domain.Tier;
import cn.unionhub.events.contest.RegistrationApproved;
import cn.unionhub.contest.fixtures.Contests;
import cn.unionhub.contest.fixtures.People;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistrationTest {

    private static final Instant AUGUST = beijing("2025-08-01T10:00");
    private static final Competitor WANG_JIANJUN = employee(0, SHIGANG);

    private static Registration.Application byUnion(Competitor c) {
        return new Registration.Application(c, Channel.ENTERPRISE_UNION, c.enterpriseName() + "工会");
    }

    private static Registration.Changed submit(String id, Contest contest, Registration.Application form, List<Registration> earlier,
            Instant at) {
        return Registration.submit(id, contest, COUNTY_WELDING, form, earlier, at);
    }

    private static List<String> codes(RuleViolationException e) {
        return e.violations().stream().map(FieldViolation::code).toList();
    }

    @Test
    void anEnterpriseUnionEntersItsEmployeeAndTheOfficeApproves() {
        Registration submitted = submit("reg-1", county(), byUnion(WANG_JIANJUN), List.of(), AUGUST).registration();

        assertThat(submitted.status()).isEqualTo(Registration.Status.SUBMITTED);
        assertThat(submitted.submittedBy()).isEqualTo("河钢集团石家庄钢铁有限责任公司工会");

        Registration.Changed approved = submitted.approve(COUNTY_OFFICE, beijing("2025-09-13T10:00"));
        assertThat(approved.registration().isApproved()).isTrue();
        assertThat(approved.events()).containsExactly(new RegistrationApproved("reg-1", "ct-2025-130102", COUNTY_WELDING,
                "ENTERPRISE_UNION", beijing("2025-09-13T10:00")));
    }

    @Test
    void aRegistrationAfterTheDeadlineIsRefused() {
        assertThatThrownBy(() -> submit("reg-1", county(), byUnion(WANG_JIANJUN), List.of(), REGISTRATION_CLOSES))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("registration-closed");
        assertThat(submit("reg-1", county(), byUnion(WANG_JIANJUN), List.of(), REGISTRATION_CLOSES.minusMillis(1))
                .registration().status()).isEqualTo(Registration.Status.SUBMITTED);
    }

    @Test
    void aContestTakesRegistrationsOnlyOncePublished() {
        Contest draft = Contest.plan("ct-draft", new Contest.Plan("2025年石家庄市长安区职工职业技能大赛", Tier.COUNTY, "130102", 2025,
                "石家庄市长安区总工会")).withEvent(Contests.welding(COUNTY_WELDING));

        assertThatThrownBy(() -> submit("reg-1", draft, byUnion(WANG_JIANJUN), List.of(), AUGUST))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("contest-not-published");
    }

    @Test
    void aCompetitorRegistersForAnEventOnceWhicheverChannelTheyTry() {
        Registration first = submit("reg-1", county(), byUnion(WANG_JIANJUN), List.of(), AUGUST).registration();
        Registration.Application again = new Registration.Application(WANG_JIANJUN, Channel.INDIVIDUAL, null);

        assertThatThrownBy(() -> submit("reg-2", county(), again, List.of(first), AUGUST.plusSeconds(60)))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("already-registered");

        Registration withdrawn = first.withdraw("王建军", "工作安排冲突", AUGUST.plusSeconds(3600)).registration();
        assertThat(submit("reg-2", county(), again, List.of(withdrawn), AUGUST.plusSeconds(7200)).registration().status())
                .as("a withdrawn entry does not block entering again before the deadline")
                .isEqualTo(Registration.Status.SUBMITTED);
    }

    @Test
    void aClearIdentityNumberIsNeverTakenOnlyItsKeyedHash() {
        Competitor clear = new Competitor(People.residentId(7), "赵磊", SHIGANG.uscc(), SHIGANG.name(), Employment.EMPLOYEE);
        Competitor garbled = new Competitor("赵磊的身份证", "赵磊", SHIGANG.uscc(), SHIGANG.name(), Employment.EMPLOYEE);

        assertThatThrownBy(() -> submit("reg-1", county(), byUnion(clear), List.of(), AUGUST))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(codes(e)).containsExactly("clear-id-number"));
        assertThatThrownBy(() -> submit("reg-1", county(), byUnion(garbled), List.of(), AUGUST))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(codes(e)).containsExactly("not-a-keyed-hash"));
    }

    @Test
    void aWorkersContestIsForEmployees() {
        Registration.Application retired = new Registration.Application(notEmployed(3), Channel.INDIVIDUAL, null);

        assertThatThrownBy(() -> submit("reg-1", county(), retired, List.of(), AUGUST))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(codes(e)).containsExactly("employees-only"));
    }

    @Test
    void anOpenEventTakesAnyoneThroughAnAssociationButNotThroughAnEnterpriseUnion() {
        EventRules open = new EventRules(30, 70, Contests.WELDING.aspects(), Contests.WELDING.timeLimit(), 500, false);
        Contest contest = Contest.plan("ct-open", new Contest.Plan("2025年石家庄市焊接技能邀请赛", Tier.CITY, "130100", 2025, "石家庄市焊接协会"))
                .withEvent(new Contest.EventForm(COUNTY_WELDING, null, "焊工", open, REGISTRATION_CLOSES))
                .publish(Contests.PUBLISHED_AT).contest();
        Competitor student = notEmployed(4);

        assertThat(submit("reg-1", contest, new Registration.Application(student, Channel.ASSOCIATION, "石家庄市焊接协会"), List.of(),
                AUGUST).registration().channel()).isEqualTo(Channel.ASSOCIATION);
        assertThatThrownBy(() -> submit("reg-2", contest, new Registration.Application(notEmployed(5), Channel.ENTERPRISE_UNION,
                "石钢工会"), List.of(), AUGUST))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(codes(e))
                        .containsExactly("enterprise-union-enters-employees"));
        assertThatThrownBy(() -> submit("reg-3", contest, new Registration.Application(notEmployed(6), Channel.ASSOCIATION, " "),
                List.of(), AUGUST))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(codes(e)).containsExactly("required"));
    }

    @Test
    void anEnterpriseContestIsForTheEnterprisesOwnEmployees() {
        Contest shigang = Contest.plan("ct-shigang", new Contest.Plan("河钢石钢2025年焊工技能比武", Tier.ENTERPRISE, "130104", 2025,
                        SHIGANG.uscc()))
                .withEvent(Contests.welding(COUNTY_WELDING)).publish(Contests.PUBLISHED_AT).contest();

        assertThat(submit("reg-1", shigang, byUnion(WANG_JIANJUN), List.of(), AUGUST).registration()).isNotNull();
        assertThatThrownBy(() -> submit("reg-2", shigang, byUnion(employee(1, People.CSPC)), List.of(), AUGUST))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(codes(e))
                        .containsExactly("not-of-organising-enterprise"));
    }

    @Test
    void anEmployeesEmployerMustBeKnownExactly() {
        Competitor vague = new Competitor(People.idHash(9), "周杰", "石家庄某厂", "石家庄某厂", Employment.EMPLOYEE);

        assertThatThrownBy(() -> submit("reg-1", county(), byUnion(vague), List.of(), AUGUST))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(codes(e)).containsExactly("invalid-uscc"));
    }

    @Test
    void onlyASubmittedRegistrationIsDecidedAndARejectionGivesItsReason() {
        Registration submitted = submit("reg-1", county(), byUnion(WANG_JIANJUN), List.of(), AUGUST).registration();

        assertThatThrownBy(() -> submitted.reject(COUNTY_OFFICE, " ", AUGUST))
                .isInstanceOf(RuleViolationException.class).hasMessageStartingWith("reason-required");
        Registration rejected = submitted.reject(COUNTY_OFFICE, "未提供焊工职业资格证书", AUGUST).registration();
        assertThat(rejected.decision().reason()).isEqualTo("未提供焊工职业资格证书");
        assertThatThrownBy(() -> rejected.approve(COUNTY_OFFICE, AUGUST))
                .isInstanceOf(ConflictException.class).hasMessageStartingWith("registration-status");
    }
}
