package cn.unionhub.cases.registry;

import cn.unionhub.events.membercard.OrganisationRegistered;
import cn.unionhub.test.People;
import java.time.Instant;

/** The register's divisions as member-card-service publishes them: the two pilot districts of Ningbo. */
public final class RegisterFixtures {

    static final String CONSUMER = "case-service.register-unions";
    static final String NINGBO = "330200";

    public static final OrganisationRegistered ZHENHAI = district(People.Districts.ZHENHAI, "镇海区");
    public static final OrganisationRegistered BEILUN = district(People.Districts.BEILUN, "北仑区");

    private RegisterFixtures() {
    }

    public static OrganisationRegistered district(String code, String name) {
        return district(code, name, NINGBO);
    }

    /** A district of another city ({@code 370212}, {@code 370200}). */
    public static OrganisationRegistered district(String code, String name, String city) {
        return new OrganisationRegistered(code, "DIVISION", name, code, city, null, null, "DISTRICT", "ACTIVE", 1,
                Instant.parse("2026-11-01T00:00:00Z"));
    }

    /**
     * Applies the pilot districts as the consumer would, and the test enterprises with their unions: routing sends a
     * case to an enterprise's union only when the register knows it has one.
     */
    public static void registerPilotDistricts(RegisterCopy copy) {
        copy.registered(ZHENHAI);
        copy.registered(BEILUN);
        enterpriseWithUnion(copy, People.Enterprises.FUDE_ENERGY, "宁波富德能源有限公司", People.Districts.ZHENHAI);
        enterpriseWithUnion(copy, People.Enterprises.BEILUN_PORT_LOGISTICS, "宁波北仑港口物流有限公司", People.Districts.BEILUN);
    }

    /** An enterprise of the register and its union (基层工会, {@code GH-<USCC>}), as member-card-service publishes them. */
    public static void enterpriseWithUnion(RegisterCopy copy, String uscc, String name, String district) {
        Instant at = Instant.parse("2026-11-01T00:00:00Z");
        copy.registered(new OrganisationRegistered(uscc, "ENTERPRISE", name, district, null, "C", "MEDIUM", null, "ACTIVE", 1, at));
        copy.registered(new OrganisationRegistered("GH-" + uscc, "GRASSROOTS_UNION", name + "工会", district, "ZGH-" + district, null, null,
                null, "ACTIVE", 1, at));
    }
}
