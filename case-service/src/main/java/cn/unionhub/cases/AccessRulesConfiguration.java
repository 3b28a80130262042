package cn.unionhub.cases;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import cn.unionhub.security.AccessRules;
import cn.unionhub.security.Role;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call which endpoint of case-service: the one place for it (anything unlisted is refused). */
@Configuration(proxyBeanMethods = false)
class AccessRulesConfiguration {

    @Bean
    AccessRules accessRules() {
        Set<Role> readers = Set.of(Role.HANDLER, Role.ADMIN, Role.DISTRICT_UNION, Role.ENTERPRISE_UNION, Role.GOV_SYSTEM);
        // Whoever the case is routed to works it; scoping in the service keeps them to their own cases.
        Set<Role> workers = Set.of(Role.HANDLER, Role.DISTRICT_UNION, Role.ENTERPRISE_UNION);
        // Ledgers and reports are for the union offices and other government systems, not single enterprises.
        Set<Role> offices = Set.of(Role.HANDLER, Role.ADMIN, Role.DISTRICT_UNION, Role.GOV_SYSTEM);
        Set<Role> representatives = Set.of(Role.WORKER, Role.ENTERPRISE_UNION);
        Set<Role> proposalReaders = Set.of(Role.WORKER, Role.ENTERPRISE_UNION, Role.DISTRICT_UNION, Role.ADMIN);
        return AccessRules.define()
                .publicly(GET, "/api/v1/cases/handling-organisations")
                // A 12351 caller follows their case with its number and the code they were given (no account).
                .publicly(POST, "/api/v1/cases/follow-up")
                .allow(GET, "/api/v1/cases/ledgers/wage-arrears", offices)
                .allow(GET, "/api/v1/cases/ledgers/wage-arrears-closed", offices)
                .allow(GET, "/api/v1/cases/ledgers/public-opinion", offices)
                .allow(GET, "/api/v1/cases/reports/hotline/{month}", offices)
                // 12351 operators (handlers) and union offices file cases from other channels.
                .allow(POST, "/api/v1/cases/hotline-orders", Role.HANDLER, Role.ADMIN, Role.DISTRICT_UNION)
                .allow(POST, "/api/v1/cases/assignments", Role.ADMIN, Role.DISTRICT_UNION, Role.GOV_SYSTEM)
                .allow(POST, "/api/v1/cases/public-opinion-clues", Role.HANDLER, Role.ADMIN, Role.DISTRICT_UNION, Role.GOV_SYSTEM)
                // The business calendar: administrators load a year's official schedule; staff read it.
                .allow(PUT, "/api/v1/cases/calendars/{year}", Role.ADMIN)
                .allow(GET, "/api/v1/cases/calendars/{year}", readers)
                .allow(GET, "/api/v1/cases", readers)
                // The work queue pushed to those who work it: the caller's own organisation's.
                .allow(GET, "/api/v1/cases/queue/stream", workers)
                .allow(GET, "/api/v1/cases/{caseNumber}", readers)
                .allow(GET, "/api/v1/cases/{caseNumber}/history", readers)
                .allow(GET, "/api/v1/cases/{caseNumber}/history/verification", readers)
                .allow(POST, "/api/v1/cases/{caseNumber}/acceptance", workers)
                .allow(POST, "/api/v1/cases/{caseNumber}/contacts", workers)
                // The handling organisation calls a hotline caller back; never the enterprise side (CallerIT).
                .allow(GET, "/api/v1/cases/{caseNumber}/caller", Role.HANDLER, Role.DISTRICT_UNION, Role.ADMIN)
                // Who read a caller's details: the supervisors (IntakeController.callerViews).
                .allow(GET, "/api/v1/cases/{caseNumber}/caller/views", Role.DISTRICT_UNION, Role.ADMIN)
                .allow(POST, "/api/v1/cases/{caseNumber}/responses", workers)
                .allow(POST, "/api/v1/cases/{caseNumber}/pauses", workers)
                .allow(POST, "/api/v1/cases/{caseNumber}/resumption", workers)
                .allow(POST, "/api/v1/cases/{caseNumber}/resolution", workers)
                .allow(POST, "/api/v1/cases/{caseNumber}/closure", workers)
                .allow(POST, "/api/v1/cases/{caseNumber}/records", workers)
                .allow(POST, "/api/v1/cases/{caseNumber}/clue-verification", Role.HANDLER, Role.DISTRICT_UNION)
                // Which of these may act on a given case is decided by its routing (CaseAccess), not by role.
                .allow(POST, "/api/v1/cases/{caseNumber}/transfer", workers)
                .allow(POST, "/api/v1/cases/{caseNumber}/supervision", Role.HANDLER, Role.DISTRICT_UNION)
                // 云履职: representatives (workers and enterprise union chairs) propose; the district union's panel decides.
                .allow(POST, "/api/v1/proposals", representatives)
                .allow(GET, "/api/v1/proposals", proposalReaders)
                .allow(POST, "/api/v1/proposals/activities", representatives)
                .allow(GET, "/api/v1/proposals/representatives/{representative}/report", proposalReaders)
                .allow(GET, "/api/v1/proposals/{number}", proposalReaders)
                .allow(POST, "/api/v1/proposals/{number}/review", Role.DISTRICT_UNION, Role.ADMIN)
                .allow(POST, "/api/v1/proposals/{number}/assignment", Role.DISTRICT_UNION, Role.ADMIN)
                .allow(POST, "/api/v1/proposals/{number}/progress", Role.DISTRICT_UNION, Role.ADMIN)
                .allow(POST, "/api/v1/proposals/{number}/supervision", Role.DISTRICT_UNION, Role.ADMIN)
                .allow(POST, "/api/v1/proposals/{number}/completion", Role.DISTRICT_UNION, Role.ADMIN)
                .allow(POST, "/api/v1/proposals/{number}/evaluation", representatives);
    }
}
