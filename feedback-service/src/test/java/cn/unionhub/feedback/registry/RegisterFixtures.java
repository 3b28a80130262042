package cn.unionhub.feedback.registry;

import cn.unionhub.events.membercard.OrganisationRegistered;
import cn.unionhub.platform.identity.ChineseIdentifiers;
import cn.unionhub.test.People;
import java.time.Instant;

/** The register as member-card-service publishes it: the pilot enterprises, and fresh ones per test. */
public final class RegisterFixtures {

    /** The inbox name of the register consumer. */
    static final String CONSUMER = "feedback-service.register";

    public static final OrganisationRegistered FUDE_ENERGY = enterprise(People.Enterprises.FUDE_ENERGY, "宁波富德能源有限公司",
            People.Districts.ZHENHAI, "D", "LARGE");
    public static final OrganisationRegistered BEILUN_PORT_LOGISTICS = enterprise(People.Enterprises.BEILUN_PORT_LOGISTICS,
            "宁波北仑港口物流有限公司", People.Districts.BEILUN, "G", "MEDIUM");

    private RegisterFixtures() {
    }

    public static OrganisationRegistered enterprise(String uscc, String name, String district, String industry, String sizeBand) {
        return new OrganisationRegistered(uscc, "ENTERPRISE", name, district, null, industry, sizeBand, null, "ACTIVE", 1,
                Instant.parse("2026-11-01T00:00:00Z"));
    }

    /** Applies the pilot enterprises as the consumer would. */
    public static void registerPilot(RegisterCopy copy) {
        copy.registered(FUDE_ENERGY);
        copy.registered(BEILUN_PORT_LOGISTICS);
    }

    /** A valid unified social credit code (GB 32100) nobody else uses, registered in Ningbo. */
    static String freshUscc() {
        String first17 = "91330206MA" + digits(7);
        return first17 + ChineseIdentifiers.usccCheckCharacter(first17);
    }

    /** A register member id ({@code M} and 12 Crockford characters). */
    static String freshMemberId() {
        return "M" + digits(12);
    }

    private static String digits(int n) {
        StringBuilder digits = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }
}
