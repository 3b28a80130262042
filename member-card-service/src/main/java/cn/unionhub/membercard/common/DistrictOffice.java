package cn.unionhub.membercard.common;

import cn.unionhub.membercard.ledger.domain.LedgerException;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;

/**
 * Who runs a district's union money (accounts, merchants, campaigns, payrolls, model workers): the
 * city union (ADMIN) any district, a district union its own. One rule, asked the same way everywhere; the city
 * union's staff read their districts' ({@link #oversees}).
 */
public final class DistrictOffice {

    private DistrictOffice() {
    }

    /** Whether the caller runs the district. */
    public static boolean runs(Actor actor, String district) {
        return actor.has(Role.ADMIN)
                || actor.has(Role.DISTRICT_UNION) && actor.district() != null && actor.district().equals(district);
    }

    /**
     * Whether the caller may read the district's union money (accounts and their lines, transfers, redemptions, payrolls,
     * the model workers' register): who runs it, and the city union's staff over it, who supervise their districts
     * but move none of their money — they saw none of it (404) while reading the districts' members.
     */
    public static boolean oversees(Actor actor, String district) {
        return runs(actor, district) || actor.isCityUnion() && district != null && actor.isUnionOver(district);
    }

    /**
     * The district whose lists the caller reads (a clerk's queue, its campaigns, its merchants): the one named, else the
     * caller's own. The city's staff read one district at a time — their city's code is no district (it answered []) —
     * and nobody reads a district they do not oversee.
     */
    public static String toRead(Actor actor, String requested) {
        String named = requested == null || requested.isBlank() ? actor.district() : requested.strip();
        if (named != null && cn.unionhub.security.Divisions.isAboveCounty(named)) {
            throw new LedgerException.Invalid("district", "ledger-district-required");
        }
        if (named == null || !oversees(actor, named)) {
            throw new LedgerException.Invalid("district", "ledger-outside-your-district");
        }
        return named;
    }

    /**
     * The district the caller acts for: the city union the one it names (null: the city itself), a
     * district union its own — naming another is refused.
     */
    public static String actingFor(Actor actor, String requested) {
        String named = requested == null || requested.isBlank() ? null : requested.strip();
        if (actor.has(Role.ADMIN)) {
            return named;
        }
        String own = actor.district();
        if (own == null || named != null && !named.equals(own)) {
            throw new LedgerException.Invalid("district", "ledger-outside-your-district");
        }
        return own;
    }

    /** As {@link #actingFor}, for what always belongs to a district (a merchant, a campaign): the city is not one. */
    public static String districtFor(Actor actor, String requested) {
        String district = actingFor(actor, requested);
        if (district == null || !district.matches("\\d{6}")) {
            throw new LedgerException.Invalid("district", "ledger-outside-your-district");
        }
        if (cn.unionhub.security.Divisions.isAboveCounty(district)) {
            // The city union's staff registered a merchant, a campaign under their city's code: in no directory, and the
            // city supervises its districts' money rather than running it (exploratory test, 2026-12-05).
            throw new LedgerException.Invalid("district", "ledger-district-required");
        }
        return district;
    }
}
