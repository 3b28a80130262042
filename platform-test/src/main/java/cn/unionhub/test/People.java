package cn.unionhub.test;

import cn.unionhub.security.Role;

/**
 * Test identities: who they are, their enterprise and district. Two enterprises in two districts
 * of Ningbo, so every tenant-isolation test has a neighbour that must see nothing.
 */
public enum People {
    /** A worker of 宁波富德能源 in 镇海区 (seed 000). */
    WORKER_ZHANG_WEI("worker-zhang-wei", Role.WORKER, Enterprises.FUDE_ENERGY, Districts.ZHENHAI),
    /** Another worker, of the neighbouring enterprise. */
    WORKER_LI_NA("worker-li-na", Role.WORKER, Enterprises.BEILUN_PORT_LOGISTICS, Districts.BEILUN),
    /** Union chair of 宁波富德能源. */
    CHAIR_FUDE("chair-wang-fang", Role.ENTERPRISE_UNION, Enterprises.FUDE_ENERGY, Districts.ZHENHAI),
    /** Union chair of the neighbouring enterprise. */
    CHAIR_BEILUN("chair-zhao-lei", Role.ENTERPRISE_UNION, Enterprises.BEILUN_PORT_LOGISTICS, Districts.BEILUN),
    /** Staff of the 镇海区 federation of trade unions. */
    DISTRICT_ZHENHAI("staff-chen-jing", Role.DISTRICT_UNION, null, Districts.ZHENHAI),
    /** Staff of the 北仑区 federation. */
    DISTRICT_BEILUN("staff-sun-hao", Role.DISTRICT_UNION, null, Districts.BEILUN),
    /** A mediator of the 镇海区 labour-dispute mediation centre: works the cases routed there. */
    HANDLER_MEDIATOR("handler-liu-yang", Role.HANDLER, null, null, "MEDIATION_ORGANISATION:330211"),
    ADMIN("admin-zhou", Role.ADMIN, null, null, null),
    LABOR_INSPECTION("labor-inspection", Role.GOV_SYSTEM, null, null, null),
    /** A transport operator's fare system: checks the model workers' fare only. */
    METRO_FARES("transport-qingdao-metro", Role.FARE_SYSTEM, null, null, "TRANSPORT:qingdao-metro"),
    /** A heating company's window: checks 特困职工证 only. */
    HEATING_WINDOW("provider-linyi-heating", Role.PROVIDER_WINDOW, null, null, "PROVIDER:linyi-heating"),
    /** Staff of 宁波's city federation of trade unions, above every district of the city (and of no other city). */
    CITY_STAFF("staff-sun-li", Role.DISTRICT_UNION, null, "330200", "CITY_UNION"),
    /** The till of 崂山区's first campaign merchant (seed 001): a machine client that redeems coupons there. */
    TILL_LAOSHAN("merchant-370212-0001", Role.MERCHANT, null, null, "MERCHANT:370212-0001");

    private final String subject;
    private final Role role;
    private final String enterprise;
    private final String district;
    private final String organisation;

    People(String subject, Role role, String enterprise, String district) {
        this(subject, role, enterprise, district, null);
    }

    People(String subject, Role role, String enterprise, String district, String organisation) {
        this.subject = subject;
        this.role = role;
        this.enterprise = enterprise;
        this.district = district;
        this.organisation = organisation;
    }

    public String subject() {
        return subject;
    }

    public Role role() {
        return role;
    }

    public String enterprise() {
        return enterprise;
    }

    public String district() {
        return district;
    }

    /** A valid bearer token for this person. */
    public String token() {
        return TestTokens.token().subject(subject).roles(role).enterprise(enterprise).district(district)
                .organisation(organisation).build();
    }

    /** The first person of a role, for role-matrix tests. */
    public static People withRole(Role role) {
        for (People p : values()) {
            if (p.role == role) {
                return p;
            }
        }
        throw new IllegalArgumentException("No test person with role " + role);
    }

    /** Unified social credit codes with valid GB 32100 check characters (the demo accounts use the same). */
    public static final class Enterprises {
        public static final String FUDE_ENERGY = "91330211MA2H3K5Q1G";
        public static final String BEILUN_PORT_LOGISTICS = "91330206MA2J7P9K2C";

        private Enterprises() {
        }
    }

    /** Administrative division codes. */
    public static final class Districts {
        public static final String ZHENHAI = "330211";
        public static final String BEILUN = "330206";

        private Districts() {
        }
    }
}
