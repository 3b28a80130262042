package cn.unionhub.contest.contest.domain;

import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;

/**
 * Who runs a contest. The contest office of a tier is the union staff of its region: a
 * {@code DISTRICT_UNION} account whose {@code district} claim is a six-digit division code covering
 * the contest's region — the code says the office's level, as for the contest itself
 * ({@code 130000} the provincial federation, {@code 130100} a city's, {@code 130102} a county's). A
 * province's office thus also runs (and supervises) the city and county contests within it, a city's
 * those of its counties, never a neighbour's. An enterprise contest is also run by the organising
 * enterprise's union, in the enterprise's own county only. Administrators run every contest; other government systems read.
 */
public final class ContestAccess {

    private ContestAccess() {
    }

    /** May plan a contest of this tier in this region. */
    public static boolean mayRun(Actor actor, Tier tier, Region region, String organiser) {
        if (actor.has(Role.ADMIN)) {
            return true;
        }
        if (actor.has(Role.DISTRICT_UNION) && Region.isValid(actor.district()) && new Region(actor.district()).contains(region)) {
            return true;
        }
        // An enterprise's union runs its own contest where the enterprise is (its token's district): prizes
        // are paid from the region's union fund, so a contest it placed elsewhere spent another region's money.
        return tier == Tier.ENTERPRISE && actor.has(Role.ENTERPRISE_UNION) && organiser != null
                && organiser.equals(actor.enterprise()) && Region.isValid(actor.district())
                && new Region(actor.district()).contains(region);
    }

    public static boolean mayRun(Actor actor, Contest contest) {
        return mayRun(actor, contest.tier(), contest.region(), contest.organiser());
    }

    /** The office, and other government systems (read only). */
    public static boolean mayRead(Actor actor, Contest contest) {
        return actor.has(Role.GOV_SYSTEM) || mayRun(actor, contest);
    }
}
