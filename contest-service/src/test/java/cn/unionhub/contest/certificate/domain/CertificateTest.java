package cn.unionhub.contest.certificate.domain;

import static cn.unionhub.contest.fixtures.Contests.beijing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.unionhub.contest.contest.domain.Region;
import cn.unionhub.contest.contest.domain.Tier;
import cn.unionhub.events.contest.CertificateIssued;
import cn.unionhub.contest.fixtures.People;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CertificateTest {

    private static final CertificateNumber NUMBER = CertificateNumber.of(CertificateNumber.Kind.JS, Tier.PROVINCE,
            new Region("130000"), 2025, 42);
    private static final String CODE = "7KQ2M-X9D4T";

    private static Certificate issued() {
        return Certificate.issue(NUMBER, CODE, "王建军", People.idHash(0), "河北省技术能手", "2025年河北省职工职业技能大赛 焊工 第1名",
                "reg-001", beijing("2025-11-03T10:00")).certificate();
    }

    @Test
    void aNumberSaysKindTierRegionYearAndSequence() {
        assertThat(NUMBER.value()).isEqualTo("JS-P130000-2025-000042");
        assertThat(CertificateNumber.of(CertificateNumber.Kind.GJ, Tier.PROVINCE, new Region("310000"), 2021, 7).value())
                .isEqualTo("GJ-P310000-2021-000007");
        assertThat(CertificateNumber.of(CertificateNumber.Kind.JS, Tier.COUNTY, new Region("130102"), 2025, 999_999).value())
                .isEqualTo("JS-X130102-2025-999999");
        assertThat(NUMBER.kind()).isEqualTo(CertificateNumber.Kind.JS);
        assertThat(NUMBER.regionCode()).isEqualTo("130000");
        assertThat(NUMBER.year()).isEqualTo(2025);
        assertThatThrownBy(() -> CertificateNumber.of(CertificateNumber.Kind.JS, Tier.CITY, new Region("130100"), 2025, 1_000_000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTypedNumberIsReadForgivingCaseAndBlanks() {
        assertThat(CertificateNumber.parse(" js-p130000-2025-000042 ")).contains(NUMBER);
        assertThat(CertificateNumber.parse("JS-P130000-2025-42")).isEmpty();
        assertThat(CertificateNumber.parse("'; drop table certificates")).isEmpty();
        assertThat(CertificateNumber.parse(null)).isEmpty();
    }

    @Test
    void codesAreTenCharactersOfAnAlphabetWithoutLookAlikes() {
        Set<String> seen = new HashSet<>();
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 1000; i++) {
            String code = VerificationCode.generate(random);
            assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}");
            seen.add(code);
        }
        assertThat(seen).as("50 random bits: no repeats in a thousand").hasSize(1000);
        assertThat(VerificationCode.generate(new Random(1))).isEqualTo(VerificationCode.generate(new Random(1)));
    }

    @Test
    void aTypedCodeIsForgivenCaseDashesBlanksAndLookAlikes() {
        assertThat(VerificationCode.normalise("7kq2m x9d4t")).isEqualTo("7KQ2MX9D4T");
        assertThat(VerificationCode.normalise("O1IL0-00000")).isEqualTo("0111000000");
        assertThat(VerificationCode.normalise("7KQ2M-X9D4")).isNull();
        assertThat(VerificationCode.normalise("7KQ2M-X9D4TT")).isNull();
        assertThat(VerificationCode.normalise("7KQ2M-X9D4U")).isNull();
    }

    @Test
    void theHolderOfTheCodeSeesWhatThePaperSays() {
        Certificate.Check check = issued().check("7kq2m-x9d4t");

        assertThat(check.outcome()).isEqualTo(Certificate.Outcome.VALID);
        assertThat(check.holderName()).isEqualTo("王建军");
        assertThat(check.title()).isEqualTo("河北省技术能手");
    }

    @Test
    void aWrongCodeRevealsNothing() {
        for (String wrong : new String[] {"7KQ2M-X9D4V", "", null, "7KQ2M", "7KQ2M-X9D4T-7KQ2M"}) {
            assertThat(issued().check(wrong)).isEqualTo(new Certificate.Check(Certificate.Outcome.NO_MATCH, null, null, null, null,
                    null, null));
        }
    }

    @Test
    void aRevokedCertificateSaysSoToTheHolderOfItsCode() {
        Certificate revoked = issued().revoke("获奖人成绩经复核取消", "office-hebei-union", beijing("2025-12-01T10:00"));

        Certificate.Check check = revoked.check(CODE);
        assertThat(check.outcome()).isEqualTo(Certificate.Outcome.REVOKED);
        assertThat(check.revokedAt()).isEqualTo(beijing("2025-12-01T10:00"));
        assertThatThrownBy(() -> revoked.revoke("再次撤销", "office-hebei-union", beijing("2025-12-02T10:00")))
                .isInstanceOf(ConflictException.class);
        assertThat(revoked.check("7KQ2M-X9D4V").outcome()).isEqualTo(Certificate.Outcome.NO_MATCH);
    }

    @Test
    void issuingSaysSoWithoutTheCode() {
        Certificate.Changed issued = Certificate.issue(NUMBER, CODE, "王建军", People.idHash(0), "河北省技术能手", "2025年河北省职工职业技能大赛 焊工 第1名",
                "reg-001", beijing("2025-11-03T10:00"));

        assertThat(issued.events()).containsExactly(new CertificateIssued("JS-P130000-2025-000042", "reg-001", "河北省技术能手",
                beijing("2025-11-03T10:00")));
        assertThat(issued.events().get(0).toString()).doesNotContain("7KQ2M");
        assertThatThrownBy(() -> Certificate.issue(NUMBER, "1234", "王建军", People.idHash(0), "河北省技术能手", "焊工 第1名", "reg-001",
                beijing("2025-11-03T10:00"))).isInstanceOf(RuleViolationException.class);
    }
}
