package cn.unionhub.security;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The caller of a request, as the domain sees it: who, with which roles, and for which tenant.
 * Plain Java, so business rules can check scoping without knowing about tokens.
 *
 * @param subject    stable user or client id (the token's {@code sub}); {@code null} when anonymous
 * @param roles      roles granted by the identity provider
 * @param enterprise unified social credit code of the caller's enterprise, if any
 * @param district   administrative division code of the caller's district, if any
 * @param organisation the organisation a staff account works for (e.g. {@code MEDIATION_ORGANISATION:330211}),
 *                   if the identity provider says; services that route work derive it otherwise
 */
public record Actor(String subject, Set<Role> roles, String enterprise, String district, String organisation) {

    private static final Actor ANONYMOUS = new Actor(null, Set.of(), null, null, null);

    /**
     * The tenant part of a list query: only this enterprise and/or district; {@code null} means any.
     */
    public record Scope(String enterprise, String district) {

        public static final Scope EVERYTHING = new Scope(null, null);
    }

    public Actor {
        roles = Set.copyOf(roles);
    }

    /** A caller whose token names no organisation (workers, and staff of providers that do not say). */
    public Actor(String subject, Set<Role> roles, String enterprise, String district) {
        this(subject, roles, enterprise, district, null);
    }

    public static Actor anonymous() {
        return ANONYMOUS;
    }

    public boolean isAnonymous() {
        return subject == null;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /**
     * Whether this caller may see data of the given enterprise in the given district: platform
     * roles see everything, district staff their district, an enterprise union its enterprise.
     * Workers see only their own items, which callers check by subject, not here.
     */
    public boolean canSee(String enterpriseUscc, String districtCode) {
        if (seesEverything()) {
            return true;
        }
        if (has(Role.DISTRICT_UNION) && district != null && Objects.equals(district, districtCode)) {
            return true;
        }
        return has(Role.ENTERPRISE_UNION) && enterprise != null && Objects.equals(enterprise, enterpriseUscc);
    }

    /** The organisation of the city-level union, above every district: its staff see the whole city. */
    public static final String CITY_UNION = "CITY_UNION";

    /**
     * Bodies whose handlers work disputes across the city (a case can be transferred to any of them),
     * named by the prefix of their {@code organisation} claim ({@code MEDIATION_ORGANISATION:330211}).
     */
    private static final Set<String> DISPUTE_BODIES = Set.of("MEDIATION_ORGANISATION", "LEGAL_AID_CENTRE", "LABOR_INSPECTION");

    /**
     * Administrators, other government systems, the city union's staff and the handlers of the
     * dispute bodies (mediation, legal aid, labour inspection) see every enterprise and district.
     * Other accounts with the handler role — a contest's judges, a service station's manager — work
     * only what they are assigned and see no tenant's data by their role: they read warnings, cases
     * and feedback of no enterprise (a judge reading every warning's signals was a finding of
     * 2026-12-03).
     */
    public boolean seesEverything() {
        return has(Role.ADMIN) || has(Role.GOV_SYSTEM) || handlesDisputes()
                || isCityUnion();
    }

    /** Staff of the city union, above every district. */
    public boolean isCityUnion() {
        return has(Role.DISTRICT_UNION) && CITY_UNION.equals(organisation);
    }

    /** A handler of a dispute body (by the organisation claim), not a judge or a station's manager. */
    public boolean handlesDisputes() {
        if (!has(Role.HANDLER) || organisation == null) {
            return false;
        }
        int colon = organisation.indexOf(':');
        return DISPUTE_BODIES.contains(colon < 0 ? organisation : organisation.substring(0, colon));
    }

    /**
     * The division an organisation claim is named for ({@code MEDIATION_ORGANISATION:330211} → 330211), or
     * {@code null} when it names none (a city-wide body, {@code CITY_UNION}).
     */
    public String organisationDistrict() {
        int colon = organisation == null ? -1 : organisation.indexOf(':');
        return colon < 0 ? null : organisation.substring(colon + 1);
    }

    /**
     * Whether the caller sees only as an enterprise's own union does (no district or platform role
     * beside it): the side from which an anonymous worker must not be told apart, so times are shown
     * by day and counts in bands there.
     */
    public boolean isEnterpriseSide() {
        return has(Role.ENTERPRISE_UNION) && !has(Role.DISTRICT_UNION) && !seesEverything();
    }

    /**
     * {@link #canSee} as a filter for work queues and ledgers: everything for platform roles, the
     * district for district staff, the enterprise (within its district) for its union; empty for anyone
     * else, so a list shows nothing rather than everything.
     */
    public Optional<Scope> scope() {
        if (seesEverything()) {
            return Optional.of(Scope.EVERYTHING);
        }
        // A tenant comes from a union role, as in canSee: an enterprise or district in anyone else's token (a
        // judge's employer, a worker's) is where they work, not what they may read.
        if (has(Role.DISTRICT_UNION)) {
            return district == null ? Optional.empty() : Optional.of(new Scope(null, district));
        }
        if (has(Role.ENTERPRISE_UNION) && enterprise != null) {
            return Optional.of(new Scope(enterprise, district));
        }
        return Optional.empty();
    }
}
