package cn.unionhub.alert.registry;

import cn.unionhub.events.membercard.OrganisationRegistered;
import cn.unionhub.test.People;
import java.time.Instant;

/** The register as member-card-service publishes it: the pilot districts and enterprises of Ningbo. */
public final class RegisterFixtures {

    static final String CONSUMER = "alert-service.register";
    static final String NINGBO = "330200";
    static final Instant REGISTERED_AT = Instant.parse("2026-11-01T00:00:00Z");

    public static final OrganisationRegistered ZHENHAI = district(People.Districts.ZHENHAI, "镇海区");
    public static final OrganisationRegistered BEILUN = district(People.Districts.BEILUN, "北仑区");
    public static final OrganisationRegistered FUDE_ENERGY = enterprise(People.Enterprises.FUDE_ENERGY, "宁波富德能源有限公司",
            People.Districts.ZHENHAI, "D");
    public static final OrganisationRegistered BEILUN_PORT_LOGISTICS = enterprise(People.Enterprises.BEILUN_PORT_LOGISTICS,
            "宁波北仑港口物流有限公司", People.Districts.BEILUN, "G");

    private RegisterFixtures() {
    }

    public static OrganisationRegistered district(String code, String name) {
        return new OrganisationRegistered(code, "DIVISION", name, code, NINGBO, null, null, "DISTRICT", "ACTIVE", 1, REGISTERED_AT);
    }

    public static OrganisationRegistered enterprise(String uscc, String name, String district, String industry) {
        return new OrganisationRegistered(uscc, "ENTERPRISE", name, district, null, industry, "MEDIUM", null, "ACTIVE", 1,
                REGISTERED_AT);
    }

    /** Applies the pilot districts and enterprises as the consumer would. */
    public static void registerPilot(RegisterCopy copy) {
        copy.registered(ZHENHAI);
        copy.registered(BEILUN);
        copy.registered(FUDE_ENERGY);
        copy.registered(BEILUN_PORT_LOGISTICS);
    }
}
