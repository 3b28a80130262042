package cn.unionhub.contest;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import cn.unionhub.security.AccessRules;
import cn.unionhub.security.Role;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call which endpoint of contest-service: the one place for it (anything unlisted is
 * refused). These are the roles at the door; which contest, event or competitor is theirs is decided
 * by the services (ContestAccess, the judge panels, the competitor's own account).
 */
@Configuration(proxyBeanMethods = false)
class AccessRulesConfiguration {

    @Bean
    AccessRules accessRules() {
        // Contest offices are union staff of a region (DISTRICT_UNION with a province, city or county code);
        // an enterprise union runs its own enterprise contest.
        Set<Role> offices = Set.of(Role.ADMIN, Role.DISTRICT_UNION, Role.ENTERPRISE_UNION);
        Set<Role> readers = Set.of(Role.ADMIN, Role.DISTRICT_UNION, Role.ENTERPRISE_UNION, Role.GOV_SYSTEM);
        // People's accounts, not machine clients: judges (any account the office assigned by its subject id), objectors.
        Set<Role> people = Set.of(Role.WORKER, Role.HANDLER, Role.ENTERPRISE_UNION, Role.DISTRICT_UNION, Role.ADMIN);
        // Any account: the services narrow it to the office, the event's judges, the competitor themselves.
        Set<Role> anyAccount = EnumSet.allOf(Role.class);
        return AccessRules.define()
                // The public: award rules, published contests, notices, certificate checks.
                .publicly(GET, "/api/v1/contests/award-rules", "/api/v1/contests/events/{eventId}/results/notice",
                        "/api/v1/contests/certificates/{number}")
                .allow(POST, "/api/v1/contests", offices)
                .allow(POST, "/api/v1/contests/{id}/publication", offices)
                .allow(PUT, "/api/v1/contests/{id}/award-scheme", offices)
                .allow(POST, "/api/v1/contests/events/{eventId}/registrations", Role.WORKER, Role.ENTERPRISE_UNION,
                        Role.DISTRICT_UNION, Role.ADMIN)
                .allow(GET, "/api/v1/contests/events/{eventId}/registrations", readers)
                .allow(GET, "/api/v1/contests/registrations/mine", people)
                .allow(GET, "/api/v1/contests/registrations/{id}", anyAccount)
                .allow(GET, "/api/v1/contests/registrations/{id}/scores", anyAccount)
                .allow(GET, "/api/v1/contests/registrations/{id}/certificates", anyAccount)
                .allow(POST, "/api/v1/contests/registrations/{id}/approval", offices)
                .allow(POST, "/api/v1/contests/registrations/{id}/rejection", offices)
                .allow(POST, "/api/v1/contests/events/{eventId}/judges", offices)
                .allow(GET, "/api/v1/contests/events/{eventId}/judges", offices)
                .allow(DELETE, "/api/v1/contests/events/{eventId}/judges/{account}", offices)
                .allow(POST, "/api/v1/contests/events/{eventId}/scores", people)
                .allow(POST, "/api/v1/contests/events/{eventId}/scores/{sequence}/corrections", people)
                .allow(POST, "/api/v1/contests/events/{eventId}/confirmations", people)
                .allow(GET, "/api/v1/contests/events/{eventId}/ledger", anyAccount)
                .allow(GET, "/api/v1/contests/events/{eventId}/ledger/verification", anyAccount)
                .allow(GET, "/api/v1/contests/events/{eventId}/ranking", anyAccount)
                .allow(POST, "/api/v1/contests/events/{eventId}/results/notice", offices)
                .allow(POST, "/api/v1/contests/events/{eventId}/results/objections", people)
                .allow(POST, "/api/v1/contests/events/{eventId}/results/objections/{objectionId}/answer", offices)
                .allow(GET, "/api/v1/contests/events/{eventId}/results/objections", offices)
                .allow(GET, "/api/v1/contests/events/{eventId}/results/objections/{objectionId}", offices)
                .allow(POST, "/api/v1/contests/events/{eventId}/results/final", offices)
                // Craftsman selection: the office of the batch's tier runs it; units, the office (for associations)
                // and workers themselves nominate; experts score (people's accounts the office named); anyone
                // signed in objects by name; the notice is public.
                .publicly(GET, "/api/v1/craftsmen/batches/{batchId}", "/api/v1/craftsmen/batches/{batchId}/notice")
                .allow(POST, "/api/v1/craftsmen/batches", offices)
                .allow(POST, "/api/v1/craftsmen/batches/{batchId}/experts", offices)
                .allow(POST, "/api/v1/craftsmen/batches/{batchId}/experts/{expertId}/withdrawal", offices)
                .allow(POST, "/api/v1/craftsmen/batches/{batchId}/nominations/closing", offices)
                .allow(POST, "/api/v1/craftsmen/batches/{batchId}/nominations", Role.WORKER, Role.ENTERPRISE_UNION,
                        Role.DISTRICT_UNION, Role.ADMIN)
                .allow(GET, "/api/v1/craftsmen/batches/{batchId}/nominations", people) // the office all, an expert those they score
                .allow(GET, "/api/v1/craftsmen/nominations/{id}", anyAccount)
                .allow(POST, "/api/v1/craftsmen/nominations/{id}/self-evaluation", Role.WORKER, Role.ENTERPRISE_UNION,
                        Role.DISTRICT_UNION, Role.ADMIN)
                .allow(POST, "/api/v1/craftsmen/nominations/{id}/review", offices)
                .allow(POST, "/api/v1/craftsmen/nominations/{id}/scores", people)
                .allow(POST, "/api/v1/craftsmen/batches/{batchId}/notice", offices)
                .allow(POST, "/api/v1/craftsmen/batches/{batchId}/objections", people)
                .allow(POST, "/api/v1/craftsmen/batches/{batchId}/objections/{objectionId}/answer", offices)
                .allow(GET, "/api/v1/craftsmen/batches/{batchId}/objections", offices)
                .allow(POST, "/api/v1/craftsmen/batches/{batchId}/conferral", offices)
                // After the specific contest paths, which the first match would otherwise let fall under it.
                .allow(GET, "/api/v1/contests/{id}/award-scheme", anyAccount)
                .allow(GET, "/api/v1/contests/{id}", anyAccount)
                .allow(GET, "/api/v1/contests", anyAccount);
    }
}
