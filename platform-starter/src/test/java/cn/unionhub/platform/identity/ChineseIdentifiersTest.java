package cn.unionhub.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChineseIdentifiersTest {

    @Test
    void acceptsTheResidentIdExampleOfGb11643() {
        assertThat(ChineseIdentifiers.isValidResidentId("11010519491231002X")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "110105194912310021", // wrong check character
        "11010519491331002X", // month 13
        "11010518991231002X", // born before 1900 (check character adjusted below would still fail the date)
        "1101051949123100",   // too short
        "11010519491231002x", // lower-case x is not the standard form
        "A1010519491231002X"})
    void rejectsMalformedResidentIds(String id) {
        assertThat(ChineseIdentifiers.isValidResidentId(id)).isFalse();
    }

    @Test
    void computedCheckCharacterMakesAValidResidentId() {
        String prefix = "33021119900307123";
        assertThat(ChineseIdentifiers.isValidResidentId(prefix + ChineseIdentifiers.residentIdCheckCharacter(prefix))).isTrue();
    }

    @Test
    void acceptsAUnifiedSocialCreditCodeWithItsCheckCharacter() {
        assertThat(ChineseIdentifiers.isValidUscc("91350100M000100Y43")).isTrue();
        String prefix = "91330211MA2H3K5Q1";
        assertThat(ChineseIdentifiers.isValidUscc(prefix + ChineseIdentifiers.usccCheckCharacter(prefix))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y44", "91350100M000100Y4", "91350100I000100Y43", "913501000000100Y43O"})
    void rejectsWrongUnifiedSocialCreditCodes(String code) {
        assertThat(ChineseIdentifiers.isValidUscc(code)).isFalse();
    }

    @Test
    void mobileNumbersAreMainlandElevenDigitNumbers() {
        assertThat(ChineseIdentifiers.isValidMobile("13812345678")).isTrue();
        assertThat(ChineseIdentifiers.isValidMobile("12812345678")).isFalse();
        assertThat(ChineseIdentifiers.isValidMobile("1381234567")).isFalse();
    }

    @Test
    void landlinesNeedTheirAreaCode() {
        assertThat(ChineseIdentifiers.isValidLandline("0574-86881234")).isTrue();
        assertThat(ChineseIdentifiers.isValidLandline("01012345678")).isTrue();
        assertThat(ChineseIdentifiers.isValidLandline("86881234")).as("no area code").isFalse();
        assertThat(ChineseIdentifiers.isValidLandline("0574-868812345")).as("nine digits after the area code").isFalse();
        assertThat(ChineseIdentifiers.isValidLandline(null)).isFalse();
    }

    @Test
    void mobileNumbersAsPeopleWriteThemAreReadAsTheirElevenDigits() {
        assertThat(ChineseIdentifiers.normalMobile("+86 139 1234 5678")).isEqualTo("13912345678");
        assertThat(ChineseIdentifiers.normalMobile("0086-139-1234-5678")).isEqualTo("13912345678");
        assertThat(ChineseIdentifiers.normalMobile("8613912345678")).isEqualTo("13912345678");
        assertThat(ChineseIdentifiers.normalMobile("13912345678")).isEqualTo("13912345678");
        assertThat(ChineseIdentifiers.normalMobile("＋86 139 5321 0005")).as("a Chinese keyboard's full-width plus").isEqualTo("13953210005");
        assertThat(ChineseIdentifiers.normalMobile("0574-86881234")).isNull();
        assertThat(ChineseIdentifiers.normalMobile("1391234567")).isNull();
        assertThat(ChineseIdentifiers.normalMobile(null)).isNull();
    }
}
