package cn.unionhub.platform.testapp.secured;

import static org.springframework.http.HttpMethod.GET;

import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.identity.Masking;
import cn.unionhub.platform.identity.Pseudonyms;
import cn.unionhub.security.AccessRules;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import cn.unionhub.test.People;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service holding complaints of two enterprises in two districts, one of them anonymous, built
 * the way real services must be: roles in {@link AccessRules}, tenant scoping by {@link Actor},
 * identity only for the submitter themself.
 */
@SpringBootApplication
class SecuredTestApplication {

    @Bean
    AccessRules accessRules() {
        return AccessRules.define()
                .allow(GET, "/api/v1/complaints/mine", Role.WORKER)
                .allow(GET, "/api/v1/complaints/{id}", Role.WORKER, Role.ENTERPRISE_UNION, Role.DISTRICT_UNION,
                        Role.HANDLER, Role.ADMIN)
                .allow(GET, "/api/v1/whoami", Role.WORKER, Role.ENTERPRISE_UNION, Role.DISTRICT_UNION, Role.HANDLER,
                        Role.ADMIN, Role.GOV_SYSTEM);
    }

    record Complaint(String id, String enterprise, String district, boolean anonymous, String submitterPseudonym,
            String submitterName, String submitterPhone, String text) {
    }

    /** What a caller gets back: the submitter only for the submitter, or when they chose to be named. */
    record ComplaintView(String id, String enterprise, String text, String submitterName, String submitterPhone) {
    }

    @RestController
    static class ComplaintController {

        private static final Logger log = LoggerFactory.getLogger(ComplaintController.class);
        private final Pseudonyms pseudonyms;
        private final Map<String, Complaint> complaints;

        ComplaintController(Pseudonyms pseudonyms) {
            this.pseudonyms = pseudonyms;
            this.complaints = Map.of(
                    "C-FUDE-1", new Complaint("C-FUDE-1", People.Enterprises.FUDE_ENERGY, People.Districts.ZHENHAI, true,
                            pseudonyms.of(People.WORKER_ZHANG_WEI.subject()), "张伟", "13812345678", "上下班通勤单程要一个小时"),
                    "C-BEILUN-1", new Complaint("C-BEILUN-1", People.Enterprises.BEILUN_PORT_LOGISTICS, People.Districts.BEILUN,
                            false, pseudonyms.of(People.WORKER_LI_NA.subject()), "李娜", "13987654321", "夜班没有热饭"));
        }

        @GetMapping("/api/v1/complaints/{id}")
        ComplaintView find(@PathVariable String id, Actor actor) {
            Complaint complaint = complaints.get(id);
            if (complaint == null) {
                throw new NotFoundException("complaint-not-found", id);
            }
            boolean own = actor.has(Role.WORKER) && pseudonyms.of(actor.subject()).equals(complaint.submitterPseudonym());
            if (!own && !actor.canSee(complaint.enterprise(), complaint.district())) {
                throw new NotFoundException("complaint-not-found", id); // the same answer as for a complaint that does not exist
            }
            log.info("Complaint {} read; submitter phone {}", id, complaint.submitterPhone());
            boolean identityShown = own || !complaint.anonymous();
            return new ComplaintView(complaint.id(), complaint.enterprise(), complaint.text(),
                    identityShown ? complaint.submitterName() : null,
                    identityShown ? Masking.mobile(complaint.submitterPhone()) : null);
        }

        @GetMapping("/api/v1/complaints/mine")
        List<String> mine(Actor actor) {
            String mine = pseudonyms.of(actor.subject());
            return complaints.values().stream().filter(c -> c.submitterPseudonym().equals(mine)).map(Complaint::id).toList();
        }

        @GetMapping("/api/v1/whoami")
        Actor whoami(Actor actor) {
            return actor;
        }
    }
}
