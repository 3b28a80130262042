package cn.unionhub.cases.registry;

import cn.unionhub.cases.registry.store.Divisions;
import cn.unionhub.cases.registry.store.RegisteredEnterprises;
import cn.unionhub.cases.registry.store.RegisteredUnions;
import cn.unionhub.events.membercard.OrganisationClosed;
import cn.unionhub.events.membercard.OrganisationRegistered;
import cn.unionhub.events.membercard.OrganisationUpdated;
import cn.unionhub.platform.register.RegisteredEnterprise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * case-service's copy of the register that member-card-service owns: the administrative divisions,
 * whose names routing and escalation give the organisations they name ({@code {districtName}}), the
 * enterprises, whose district and name a case filed by staff must agree with, and the enterprises' own unions,
 * without which routing sends an enterprise's cases to its district's union. Each event carries the
 * whole record and its revision; the copy takes a record only when it is newer than the one it holds.
 */
@Service
public class RegisterCopy {

    private static final Logger log = LoggerFactory.getLogger(RegisterCopy.class);
    static final String DIVISION = "DIVISION";
    static final String ENTERPRISE = "ENTERPRISE";
    static final String GRASSROOTS_UNION = "GRASSROOTS_UNION";
    /**
     * A grassroots union's id is its enterprise's USCC after this (the register's rule, UnionForm): the enterprise is
     * read from the id, since the record's parent is the union above it (the district's), not its enterprise.
     */
    static final String UNION_ID_PREFIX = "GH-";

    private final Divisions divisions;
    private final RegisteredEnterprises enterprises;
    private final RegisteredUnions unions;

    RegisterCopy(Divisions divisions, RegisteredEnterprises enterprises, RegisteredUnions unions) {
        this.divisions = divisions;
        this.enterprises = enterprises;
        this.unions = unions;
    }

    public void registered(OrganisationRegistered e) {
        division(e.organisationId(), e.kind(), e.name(), e.level(), e.parent(), e.status(), e.revision());
        enterprise(e.kind(), new RegisteredEnterprise(e.organisationId(), e.name(), e.district(), e.industry(), e.sizeBand(),
                e.status()), e.revision());
        union(e.organisationId(), e.kind(), e.status(), e.revision());
    }

    public void updated(OrganisationUpdated e) {
        division(e.organisationId(), e.kind(), e.name(), e.level(), e.parent(), e.status(), e.revision());
        enterprise(e.kind(), new RegisteredEnterprise(e.organisationId(), e.name(), e.district(), e.industry(), e.sizeBand(),
                e.status()), e.revision());
        union(e.organisationId(), e.kind(), e.status(), e.revision());
    }

    public void closed(OrganisationClosed e) {
        if (DIVISION.equals(e.kind())) {
            applied(divisions.close(e.organisationId(), e.revision()), e.organisationId(), e.revision());
        } else if (ENTERPRISE.equals(e.kind())) {
            applied(enterprises.close(e.organisationId(), e.district(), e.revision()), e.organisationId(), e.revision());
        } else {
            union(e.organisationId(), e.kind(), RegisteredEnterprise.CLOSED, e.revision());
        }
    }

    private void union(String unionId, String kind, String status, long revision) {
        if (GRASSROOTS_UNION.equals(kind) && unionId.startsWith(UNION_ID_PREFIX)) {
            applied(unions.save(unionId.substring(UNION_ID_PREFIX.length()), unionId, status, revision), unionId, revision);
        }
    }

    private void enterprise(String kind, RegisteredEnterprise enterprise, long revision) {
        if (ENTERPRISE.equals(kind)) {
            applied(enterprises.save(enterprise, revision), enterprise.uscc(), revision);
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
