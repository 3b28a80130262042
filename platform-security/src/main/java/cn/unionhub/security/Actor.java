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
 */
public record Actor(String subject, Set<Role> roles, String enterprise, String district) {

    private static final Actor ANONYMOUS = new Actor(null, Set.of(), null, null);

    /**
     * The tenant part of a list query: only this enterprise and/or district; {@code null} means any.
     */
    public record Scope(String enterprise, String district) {

        public static final Scope EVERYTHING = new Scope(null, null);
    }

    public Actor {
        roles = Set.copyOf(roles);
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

    /** Platform roles (administrators, handlers, other government systems) see every enterprise and district. */
    public boolean seesEverything() {
        return has(Role.ADMIN) || has(Role.HANDLER) || has(Role.GOV_SYSTEM);
    }

    /**
     * {@link #canSee} as a filter for work queues and ledgers: everything for platform roles, the
     * district for district staff, the enterprise (within its district) otherwise; empty when the
     * caller has neither, so a list shows nothing rather than everything.
     */
    public Optional<Scope> scope() {
        if (seesEverything()) {
            return Optional.of(Scope.EVERYTHING);
        }
        String ownEnterprise = has(Role.DISTRICT_UNION) ? null : enterprise;
        if (ownEnterprise == null && district == null) {
            return Optional.empty();
        }
        return Optional.of(new Scope(ownEnterprise, district));
    }
}
