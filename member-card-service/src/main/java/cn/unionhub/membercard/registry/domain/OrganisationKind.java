package cn.unionhub.membercard.registry.domain;

/** What a record of the register is. Divisions are places; the rest are organisations in them. */
public enum OrganisationKind {
    /** An administrative division (行政区划): city, district (county level) or street/town/park. */
    DIVISION,
    /** An employer, identified by its unified social credit code. */
    ENTERPRISE,
    /** The union of a level: 市总工会, 区总工会, 街道（园区）总工会. */
    CITY_UNION, DISTRICT_UNION, STREET_UNION,
    /** 基层工会: the union of one enterprise. */
    GRASSROOTS_UNION,
    /** 联合工会: one union for many small firms of an area, or for a whole trade (couriers, ride-hailing drivers). */
    JOINT_UNION;

    public boolean isUnion() {
        return this != DIVISION && this != ENTERPRISE;
    }

    /** The union that serves a division of this level. */
    public static OrganisationKind unionOf(Level level) {
        return switch (level) {
            case CITY -> CITY_UNION;
            case DISTRICT -> DISTRICT_UNION;
            case STREET -> STREET_UNION;
        };
    }

    /** Levels of divisions and of their unions. */
    public enum Level {
        CITY, DISTRICT, STREET
    }
}
