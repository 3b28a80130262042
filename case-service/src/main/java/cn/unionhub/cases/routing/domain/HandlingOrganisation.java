package cn.unionhub.cases.routing.domain;

import cn.unionhub.security.Actor;
import java.util.Optional;

/**
 * An organisation that works cases (办理单位), by its kind and the area it serves: an enterprise
 * union serves one enterprise (its unified social credit code), the district bodies — district
 * and street unions, mediation centre, legal aid, labour inspection — one district (its code), and
 * the city union the whole city. Its id ({@code MEDIATION_ORGANISATION:330211}, {@code CITY_UNION})
 * is what staff accounts carry in their {@code organisation} claim, and what a work queue is keyed by.
 *
 * @param scope the enterprise or district code; {@code null} for the city union
 */
public record HandlingOrganisation(HandlingOrganisationType type, String scope) {

    public static final HandlingOrganisation CITY = new HandlingOrganisation(HandlingOrganisationType.CITY_UNION, null);

    public HandlingOrganisation {
        if (type == HandlingOrganisationType.CITY_UNION) {
            scope = null;
        } else if (scope == null || scope.isBlank()) {
            throw new IllegalArgumentException(type + " serves an enterprise or district: scope required");
        }
    }

    public String id() {
        return scope == null ? type.name() : type.name() + ":" + scope;
    }

    /** The organisation an id names; empty for ids of no known kind. */
    public static Optional<HandlingOrganisation> parse(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        int colon = id.indexOf(':');
        try {
            HandlingOrganisationType type = HandlingOrganisationType.valueOf(colon < 0 ? id : id.substring(0, colon));
            String scope = colon < 0 ? null : id.substring(colon + 1);
            return type == HandlingOrganisationType.CITY_UNION || scope != null && !scope.isBlank()
                    ? Optional.of(new HandlingOrganisation(type, scope)) : Optional.empty();
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /** The organisation of {@code type} that serves a case about this enterprise in this district. */
    public static Optional<HandlingOrganisation> serving(HandlingOrganisationType type, String enterprise, String district) {
        String scope = switch (type) {
            case CITY_UNION -> null;
            case ENTERPRISE_UNION -> enterprise;
            default -> district;
        };
        return type != HandlingOrganisationType.CITY_UNION && (scope == null || scope.isBlank())
                ? Optional.empty() : Optional.of(new HandlingOrganisation(type, scope));
    }

    /**
     * One level up (上一级): the district union above every body of its district, the city union
     * above a district union; the city union is the top. {@code district} is the case's district,
     * for an enterprise union (whose scope is the enterprise).
     */
    public HandlingOrganisation above(String district) {
        return switch (type) {
            case CITY_UNION, DISTRICT_UNION -> CITY;
            case ENTERPRISE_UNION -> district == null ? CITY : new HandlingOrganisation(HandlingOrganisationType.DISTRICT_UNION, district);
            default -> new HandlingOrganisation(HandlingOrganisationType.DISTRICT_UNION, scope);
        };
    }

    /** Whether this organisation is above {@code other} (directly or further up) for a case in {@code district}. */
    public boolean isAbove(HandlingOrganisation other, String district) {
        for (HandlingOrganisation level = other; !level.equals(CITY); ) {
            level = level.above(district);
            if (level.equals(this)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The organisation a staff member works for: what their token says, or else their enterprise's
     * union (enterprise union staff) or their district's union (district union staff). Workers,
     * administrators and machine clients work for none.
     */
    public static Optional<HandlingOrganisation> of(Actor actor) {
        // Which organisation an account works for, and which claims are honoured, is the platform's one rule (Actor).
        return parse(actor.handlingOrganisation());
    }
}
