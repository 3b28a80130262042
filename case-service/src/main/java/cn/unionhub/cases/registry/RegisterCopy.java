package cn.unionhub.cases.registry;

import cn.unionhub.cases.registry.store.Divisions;
import cn.unionhub.events.membercard.OrganisationClosed;
import cn.unionhub.events.membercard.OrganisationRegistered;
import cn.unionhub.events.membercard.OrganisationUpdated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * case-service's copy of the register that member-card-service owns: the administrative divisions,
 * whose names routing and escalation give the organisations they name ({@code {districtName}}).
 * Enterprise names are not kept: the events a case starts from carry them. Each event carries the
 * whole record and its revision; the copy takes a record only when it is newer than the one it holds.
 */
@Service
public class RegisterCopy {

    private static final Logger log = LoggerFactory.getLogger(RegisterCopy.class);
    static final String DIVISION = "DIVISION";

    private final Divisions divisions;

    RegisterCopy(Divisions divisions) {
        this.divisions = divisions;
    }

    public void registered(OrganisationRegistered e) {
        division(e.organisationId(), e.kind(), e.name(), e.level(), e.parent(), e.status(), e.revision());
    }

    public void updated(OrganisationUpdated e) {
        division(e.organisationId(), e.kind(), e.name(), e.level(), e.parent(), e.status(), e.revision());
    }

    public void closed(OrganisationClosed e) {
        if (DIVISION.equals(e.kind())) {
            applied(divisions.close(e.organisationId(), e.revision()), e.organisationId(), e.revision());
        }
    }

    private void division(String code, String kind, String name, String level, String parent, String status, long revision) {
        if (DIVISION.equals(kind)) {
            applied(divisions.save(code, name, level, parent, status, revision), code, revision);
        }
    }

    private static void applied(boolean written, String id, long revision) {
        if (!written) {
            log.debug("Register record {} revision {} is not newer than the copy's; skipped", id, revision);
        }
    }
}
