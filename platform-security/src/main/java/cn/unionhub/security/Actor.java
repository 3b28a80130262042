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
     * The tenant part of a list query: only this enterprise and/or the districts lying in {@code division} (a
     * district's own code, or a city's or province's for the staff over it: {@link Divisions#contains});
     * {@code null} means any.
     */
    public record Scope(String enterprise, String division) {

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
     * Whether this caller may see data of the given enterprise in the given district: platform roles see
     * everything, the city union and the dispute bodies their city, district staff their division (a county's
     * union its county, a city's or province's office what lies in it), an enterprise union its enterprise.
     * Workers see only their own items, which callers check by subject, not here.
     */
    public boolean canSee(String enterpriseUscc, String districtCode) {
        if (seesEverything()) {
            return true;
        }
        String area = area();
        if (area != null && Divisions.contains(area, districtCode)) {
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
     * Administrators and other government systems see every enterprise and district of the platform; so do
     * the city union's staff and the dispute bodies' handlers (mediation, legal aid, labour inspection) when
     * their claims name no division — an installation for one city. Where they name one (a body's
     * {@code MEDIATION_ORGANISATION:330211}, the city union's district claim {@code 330200} or
     * {@code CITY_UNION:330200}), they see that city only: a platform that serves several cities does not show
     * 青岛's mediator 宁波's cases. Other accounts with the handler role — a contest's judges, a service
     * station's manager — work only what they are assigned and see no tenant's data by their role (a judge
     * reading every warning's signals was a finding of 2026-12-03).
     */
    public boolean seesEverything() {
        return has(Role.ADMIN) || has(Role.GOV_SYSTEM) || (handlesDisputes() || isCityUnion()) && area() == null;
    }

    /**
     * The division whose districts this caller sees by a union or dispute-body role: the city of a city union's
     * staff, the division a dispute body's organisation claim names, the district claim of district staff (a city's or province's office
     * claims its own code); {@code null} for everyone else, and for city-level staff whose claims name no
     * division (they see everything, {@link #seesEverything}).
     */
    public String area() {
        if (isCityUnion()) {
            String named = organisationDistrict() != null ? organisationDistrict() : district;
            return named == null ? null : Divisions.cityOf(named);
        }
        if (handlesDisputes()) {
            // A district's body sees its district (a city's brigade its city). It saw the whole city on the grounds that a
            // case could be transferred to it from anywhere there, and read named workers' complaints of districts it never
            // works (exploratory test, 2026-12-04); a transfer now moves the case into the body's district.
            return organisationDistrict();
        }
        return has(Role.DISTRICT_UNION) ? district : null;
    }

    /**
     * Whether the caller is union staff over {@code districtCode}: its district union, a city's or province's office
     * over it (their district claim the containing division), the city union of its city — of every city when its
     * claims name none. Who registers and governs what lies in a district (enterprises, stations).
     */
    public boolean isUnionOver(String districtCode) {
        if (isCityUnion() && area() == null) {
            return true;
        }
        return has(Role.DISTRICT_UNION) && Divisions.contains(area(), districtCode);
    }

    /**
     * The organisation whose cases the caller works ({@code TYPE:scope}; the city union is {@code CITY_UNION}, whatever
     * city its claim names): what the organisation claim says when it agrees with the account's own tenant — a chair
     * cannot become the district union, nor district staff another district's, by what one claim says — else the
     * enterprise's union for its chair and the district's union for district staff. Null for workers, machine clients
     * and anonymous callers. Case-service routes to these ids; feedback-service lets only them reach a named worker.
     */
    public String handlingOrganisation() {
        if (has(Role.WORKER) || has(Role.GOV_SYSTEM) || isAnonymous()) {
            return null;
        }
        if (organisation != null) {
            int colon = organisation.indexOf(':');
            String type = colon < 0 ? organisation : organisation.substring(0, colon);
            String scope = colon < 0 ? null : organisation.substring(colon + 1);
            if (CITY_UNION.equals(type)) {
                return CITY_UNION;
            }
            boolean consistent;
            if (has(Role.ENTERPRISE_UNION) && !has(Role.DISTRICT_UNION) && !has(Role.HANDLER)) {
                consistent = "ENTERPRISE_UNION".equals(type) && Objects.equals(scope, enterprise);
            } else if ("ENTERPRISE_UNION".equals(type)) {
                consistent = has(Role.ENTERPRISE_UNION) && Objects.equals(scope, enterprise);
            } else {
                consistent = district == null || scope == null || scope.equals(district);
            }
            return consistent ? organisation : null;
        }
        if (has(Role.ENTERPRISE_UNION) && enterprise != null) {
            return "ENTERPRISE_UNION:" + enterprise;
        }
        if (has(Role.DISTRICT_UNION) && district != null) {
            return "DISTRICT_UNION:" + district;
        }
        return null;
    }

    /** Staff of the city union, above every district. */
    public boolean isCityUnion() {
        return has(Role.DISTRICT_UNION) && organisation != null
                && (CITY_UNION.equals(organisation) || organisation.startsWith(CITY_UNION + ":"));
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
     * {@link #canSee} as a filter for work queues and ledgers: everything for platform roles, the city or
     * district division for union and dispute-body staff, the enterprise (within its district) for its union;
     * empty for anyone else, so a list shows nothing rather than everything.
     */
    public Optional<Scope> scope() {
        if (seesEverything()) {
            return Optional.of(Scope.EVERYTHING);
        }
        // A tenant comes from a union or dispute-body role, as in canSee: an enterprise or district in anyone else's
        // token (a judge's employer, a worker's) is where they work, not what they may read.
        String area = area();
        if (area != null) {
            return Optional.of(new Scope(null, area));
        }
        if (has(Role.DISTRICT_UNION)) {
            return Optional.empty();
        }
        if (has(Role.ENTERPRISE_UNION) && enterprise != null) {
            return Optional.of(new Scope(enterprise, district));
        }
        return Optional.empty();
    }
}
