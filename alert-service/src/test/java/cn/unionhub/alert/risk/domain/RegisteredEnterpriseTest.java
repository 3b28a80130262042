package cn.unionhub.alert.risk.domain;

import static cn.unionhub.alert.risk.domain.RiskFixtures.MODEL;
import static cn.unionhub.alert.risk.domain.RiskFixtures.MONDAY_10AM;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegisteredEnterpriseTest {

    @Test
    void theRegisterOverridesWhatSignalsSaidOfTheEnterprise() {
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        profile.apply(new Signal("tax-1", RiskFixtures.FUDE, "富德能源", "330206", "F", "SOCIAL_INSURANCE_ARREARS", 2, MONDAY_10AM,
                "tax-bureau", null, null, 0), MODEL);

        profile.registered("宁波富德能源有限公司", "330211", "D");

        assertThat(profile.enterpriseName()).isEqualTo("宁波富德能源有限公司");
        assertThat(profile.district()).isEqualTo("330211");
        assertThat(profile.industry()).isEqualTo("D");
    }

    @Test
    void whatTheRegisterDoesNotSayIsLeftAsTheSignalsSaidIt() {
        RiskProfile profile = RiskProfile.of(RiskFixtures.FUDE);
        profile.apply(RiskFixtures.signal("COMPLAINT", 1, MONDAY_10AM), MODEL);

        profile.registered(null, "330211", null);

        assertThat(profile.enterpriseName()).isEqualTo("宁波富德能源有限公司");
        assertThat(profile.industry()).isNull();
    }
}
