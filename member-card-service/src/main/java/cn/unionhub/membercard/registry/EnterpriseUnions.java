package cn.unionhub.membercard.registry;

import cn.unionhub.membercard.registry.domain.Organisation;
import cn.unionhub.membercard.registry.domain.OrganisationKind;
import cn.unionhub.membercard.registry.store.Organisations;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * An enterprise's own union ({@code GH-<credit code>}) follows the enterprise: it closes when the enterprise closes (基层工会随企业
 * 注销: it had enrolled new members as if nothing had happened) and opens again when a closure other than 注销 is undone —
 * whether the change came through the closure endpoint, a PUT or an import (an import or a PUT had closed the enterprise
 * and left its union taking members, or reopened it and left the union shut; exploratory test, 2026-12-05).
 */
@Component
public class EnterpriseUnions {

    /** How the reason of a union closed with its enterprise begins (企业注销, 企业破产清算). */
    static final String CLOSED_WITH_ENTERPRISE = "企业";

    private final Organisations organisations;
    private final Clock clock;

    EnterpriseUnions(Organisations organisations, Clock clock) {
        this.organisations = organisations;
        this.clock = clock;
    }

    public void follow(Organisation before, Organisation after) {
        if (after.kind() != OrganisationKind.ENTERPRISE || before.isActive() == after.isActive()) {
            return;
        }
        organisations.find("GH-" + after.id()).ifPresent(union -> {
            if (!after.isActive()) {
                union.close(CLOSED_WITH_ENTERPRISE + after.closedReason(), clock.instant()).ifPresent(organisations::save);
            } else if (union.closedReason() != null && union.closedReason().startsWith(CLOSED_WITH_ENTERPRISE)) {
                // Only a union closed because its enterprise was: one its members dissolved stays closed.
                union.reopen(clock.instant()).ifPresent(organisations::save);
            }
        });
    }
}
