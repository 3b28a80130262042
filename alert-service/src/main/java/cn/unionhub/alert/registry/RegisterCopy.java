package cn.unionhub.alert.registry;

import cn.unionhub.platform.register.RegisteredEnterprise;
import cn.unionhub.alert.registry.store.Divisions;
import cn.unionhub.alert.registry.store.RegisteredEnterprises;
import cn.unionhub.events.membercard.OrganisationClosed;
import cn.unionhub.events.membercard.OrganisationRegistered;
import cn.unionhub.events.membercard.OrganisationUpdated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * alert-service's copy of the register that member-card-service owns: the enterprises (the
 * industry, name and district a warning reports) and the administrative divisions (whose names a
 * warning is pushed to). Each event carries the whole record and its revision; the copy takes a
 * record only when it is newer than the one it holds.
 */
@Service
public class RegisterCopy {

    private static final Logger log = LoggerFactory.getLogger(RegisterCopy.class);
    static final String ENTERPRISE = "ENTERPRISE";
    static final String DIVISION = "DIVISION";

    private final RegisteredEnterprises enterprises;
    private final Divisions divisions;

    RegisterCopy(RegisteredEnterprises enterprises, Divisions divisions) {
        this.enterprises = enterprises;
        this.divisions = divisions;
    }

    public void registered(OrganisationRegistered e) {
        organisation(e.organisationId(), e.kind(), e.name(), e.district(), e.parent(), e.industry(), e.sizeBand(), e.level(),
                e.status(), e.revision());
    }

    public void updated(OrganisationUpdated e) {
        organisation(e.organisationId(), e.kind(), e.name(), e.district(), e.parent(), e.industry(), e.sizeBand(), e.level(),
                e.status(), e.revision());
    }

    public void closed(OrganisationClosed e) {
        if (ENTERPRISE.equals(e.kind())) {
            applied(enterprises.close(e.organisationId(), e.district(), e.revision()), e.organisationId(), e.revision());
        } else if (DIVISION.equals(e.kind())) {
            applied(divisions.close(e.organisationId(), e.revision()), e.organisationId(), e.revision());
        }
    }

    private void organisation(String id, String kind, String name, String district, String parent, String industry,
            String sizeBand, String level, String status, long revision) {
        if (ENTERPRISE.equals(kind)) {
            RegisteredEnterprise enterprise = new RegisteredEnterprise(id, name, district, industry, sizeBand, status);
            applied(enterprises.save(enterprise, revision), id, revision);
        } else if (DIVISION.equals(kind)) {
            applied(divisions.save(id, name, level, parent, status, revision), id, revision);
        }
    }

    private static void applied(boolean written, String id, long revision) {
        if (!written) {
            log.debug("Register record {} revision {} is not newer than the copy's; skipped", id, revision);
        }
    }
}
