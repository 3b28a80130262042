package cn.unionhub.alert.warning;

import cn.unionhub.alert.risk.RiskService;
import cn.unionhub.alert.warning.domain.Warning;
import cn.unionhub.alert.warning.domain.WarningLevel;
import cn.unionhub.alert.warning.store.Warnings;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** The warnings' closed loop, as departments and unions work it in their queues. */
@Service
public class WarningService {

    private static final Logger log = LoggerFactory.getLogger(WarningService.class);

    private final Warnings warnings;
    private final RiskService risk;
    private final Clock clock;

    WarningService(Warnings warnings, RiskService risk, Clock clock) {
        this.warnings = warnings;
        this.risk = risk;
        this.clock = clock;
    }

    /** The caller's queue: an enterprise union sees its enterprise, district staff their division, city-level staff their city. */
    public List<Warning> queue(Actor actor, Warning.Status status, WarningLevel level, int page, int size) {
        return actor.scope().map(s -> warnings.page(s.enterprise(), s.division(), status, level, page, size,
                actor.isEnterpriseSide() ? clock.instant() : null)).orElse(List.of());
    }

    /** The warning as the caller sees it: the enterprise side as it stood at the last release (see {@link Warnings#seenByEnterpriseSide}). */
    public Warning find(String id, Actor actor) {
        return (actor.isEnterpriseSide() ? warnings.seenByEnterpriseSide(id, clock.instant()) : warnings.byId(id))
                .filter(w -> actor.canSee(w.enterprise(), w.district()))
                .orElseThrow(() -> new NotFoundException("warning-not-found", id));
    }

    public Warning verify(String id, Warning.Verdict verdict, String reason, Actor actor) {
        Warning verified = change(id, actor, w -> w.verify(verdict, reason, acting(actor), clock.instant()));
        warnings.countVerdict(List.copyOf(verified.kindContributions().keySet()), verdict);
        return verified;
    }

    public Warning dispose(String id, String notes, Actor actor) {
        return change(id, actor, w -> w.dispose(notes, acting(actor), clock.instant()));
    }

    public Warning dock(String id, String notes, Actor actor) {
        return change(id, actor, w -> w.dock(notes, acting(actor), clock.instant()));
    }

    public Warning close(String id, String notes, Actor actor) {
        Warning closed = change(id, actor, w -> w.close(notes, acting(actor), clock.instant()));
        risk.warningClosed(closed);
        log.info("Warning {} closed ({})", id, closed.verdict());
        return closed;
    }

    private Warning change(String id, Actor actor, Function<Warning, Warning.Changed> change) {
        Warning seen = find(id, actor); // the same 404 for foreign and unknown warnings
        if (actor.has(Role.DISTRICT_UNION) && !actor.has(Role.ADMIN) && actor.district() != null
                && cn.unionhub.security.Divisions.isAboveCounty(actor.district()) && !actor.isCityUnion()) {
            // A city's staff of another office (its skill-contest office closed a red collective-dispute warning,
            // exploratory test, 2026-12-05): the city union's rights-protection staff (organisation CITY_UNION) work them.
            throw new ForbiddenException("warning-city-union-works-it", id);
        }
        if (!worksIn(actor, seen.district())) {
            throw new ForbiddenException("warning-not-your-district", id);
        }
        return warnings.change(id, change).orElseThrow(() -> new NotFoundException("warning-not-found", id));
    }

    /**
     * Who works a warning's closed loop. A dispute body's handlers read every district's warnings (cases move between
     * bodies across the city), but a body named for a district (MEDIATION_ORGANISATION:330211) verifies and disposes
     * of its own district's only: a Qingdao mediator had confirmed a Ningbo warning. District staff are held to their
     * district by what they may see; the city union, government systems and administrators act anywhere.
     */
    private static boolean worksIn(Actor actor, String district) {
        if (!actor.handlesDisputes() || actor.has(Role.ADMIN) || actor.has(Role.GOV_SYSTEM) || actor.has(Role.DISTRICT_UNION)) {
            return true;
        }
        String own = actor.organisationDistrict();
        return own == null || own.equals(district);
    }

    private static Warning.Acting acting(Actor actor) {
        for (Role role : List.of(Role.DISTRICT_UNION, Role.HANDLER, Role.GOV_SYSTEM, Role.ADMIN)) {
            if (actor.has(role)) {
                return new Warning.Acting(role.name(), actor.subject());
            }
        }
        return new Warning.Acting(Role.ADMIN.name(), actor.subject());
    }
}
