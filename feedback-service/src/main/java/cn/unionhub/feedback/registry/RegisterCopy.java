package cn.unionhub.feedback.registry;

import cn.unionhub.events.membercard.MemberChanged;
import cn.unionhub.events.membercard.MemberEnrolled;
import cn.unionhub.events.membercard.OrganisationClosed;
import cn.unionhub.events.membercard.OrganisationRegistered;
import cn.unionhub.events.membercard.OrganisationUpdated;
import cn.unionhub.feedback.registry.domain.Membership;
import cn.unionhub.platform.register.RegisteredEnterprise;
import cn.unionhub.feedback.registry.store.RegisteredEnterprises;
import cn.unionhub.feedback.registry.store.RegisteredMemberships;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * feedback-service's copy of the register that member-card-service owns: the enterprises (which
 * enterprise a complaint is about, its name and district, its public page) and the memberships of
 * workers with a sign-in account (where a worker belongs). Fed by the register's events only,
 * never by a call; each event carries the whole record and its revision, and the copy takes a
 * record only when it is newer than the one it holds.
 */
@Service
public class RegisterCopy {

    private static final Logger log = LoggerFactory.getLogger(RegisterCopy.class);
    static final String ENTERPRISE = "ENTERPRISE";

    private final RegisteredEnterprises enterprises;
    private final RegisteredMemberships memberships;

    RegisterCopy(RegisteredEnterprises enterprises, RegisteredMemberships memberships) {
        this.enterprises = enterprises;
        this.memberships = memberships;
    }

    public void registered(OrganisationRegistered e) {
        organisation(e.organisationId(), e.kind(), new RegisteredEnterprise(e.organisationId(), e.name(), e.district(),
                e.industry(), e.sizeBand(), e.status()), e.revision());
    }

    public void updated(OrganisationUpdated e) {
        organisation(e.organisationId(), e.kind(), new RegisteredEnterprise(e.organisationId(), e.name(), e.district(),
                e.industry(), e.sizeBand(), e.status()), e.revision());
    }

    public void closed(OrganisationClosed e) {
        if (ENTERPRISE.equals(e.kind()) && !enterprises.close(e.organisationId(), e.district(), e.revision())) {
            skipped(e.organisationId(), e.revision());
        }
    }

    public void enrolled(MemberEnrolled e) {
        membership(new Membership(e.memberId(), e.union(), e.enterprise(), e.district(), e.workerGroup(), e.status()),
                e.account(), e.revision(), e.occurredAt());
    }

    public void memberChanged(MemberChanged e) {
        membership(new Membership(e.memberId(), e.union(), e.enterprise(), e.district(), e.workerGroup(), e.status()),
                e.account(), e.revision(), e.occurredAt());
    }

    private void organisation(String id, String kind, RegisteredEnterprise enterprise, long revision) {
        if (ENTERPRISE.equals(kind) && !enterprises.save(enterprise, revision)) {
            skipped(id, revision);
        }
    }

    private void membership(Membership membership, String account, long revision, Instant recordedAt) {
        if (!memberships.save(membership, account, revision, recordedAt)) {
            skipped(membership.memberId(), revision);
        }
    }

    private static void skipped(String id, long revision) {
        log.debug("Register record {} revision {} is not newer than the copy's; skipped", id, revision);
    }
}
