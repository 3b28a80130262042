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

    /** Applies the pilot districts as the consumer would. */
    public static void registerPilotDistricts(RegisterCopy copy) {
        copy.registered(ZHENHAI);
        copy.registered(BEILUN);
    }
}
