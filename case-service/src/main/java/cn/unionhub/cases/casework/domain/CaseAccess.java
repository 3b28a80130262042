package cn.unionhub.cases.casework.domain;

import cn.unionhub.cases.routing.domain.HandlingOrganisation;
import cn.unionhub.security.Actor;

/**
 * Who may do what with a case. Routing decides who works it: only staff of the organisation it is
 * routed to accept, answer, resolve or close it — so the union of the enterprise complained about
 * answers only when the case is routed to that union. The levels above that organisation (its
 * district union, the city union) supervise: they write instructions (督办) and may transfer it
 * (转办). What one sees is a separate, wider question (tenant scope, {@link Actor#canSee}).
 */
public final class CaseAccess {

    private CaseAccess() {
    }

    /** Staff of the organisation the case is routed to. */
    public static boolean mayWork(Case c, Actor actor) {
        return HandlingOrganisation.of(actor).filter(c.handledBy()::equals).isPresent();
    }

    /** Staff of an organisation above the one the case is routed to. */
    public static boolean maySupervise(Case c, Actor actor) {
        return HandlingOrganisation.of(actor).filter(org -> org.isAbove(c.handledBy(), c.matter().district())).isPresent();
    }

    /** The handling organisation may pass a case on; a level above may take it away. */
    public static boolean mayTransfer(Case c, Actor actor) {
        return mayWork(c, actor) || maySupervise(c, actor);
    }
}
