package cn.unionhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DivisionsTest {

    @Test
    void aCityContainsItsCountiesAndAProvinceItsCities() {
        assertThat(Divisions.contains("330200", "330211")).isTrue();
        assertThat(Divisions.contains("330200", "330200")).isTrue();
        assertThat(Divisions.contains("330000", "330211")).isTrue();
        assertThat(Divisions.contains("330211", "330211")).isTrue();
        assertThat(Divisions.contains("330211", "330206")).isFalse();
        assertThat(Divisions.contains("330200", "370212")).isFalse();
        assertThat(Divisions.contains("330200", null)).isFalse();
        assertThat(Divisions.contains("3302", "330211")).as("not a code").isFalse();
    }

    @Test
    void theCityOfACountyIsItsFirstFourDigits() {
        assertThat(Divisions.cityOf("330211")).isEqualTo("330200");
        assertThat(Divisions.cityOf("330200")).isEqualTo("330200");
        assertThat(Divisions.cityOf("330000")).isEqualTo("330000");
        assertThat(Divisions.cityOf("zhenhai")).as("kept as it is, so it contains nothing").isEqualTo("zhenhai");
        assertThat(Divisions.contains(Divisions.cityOf("zhenhai"), "330211")).isFalse();
    }

    @Test
    void thePrefixOfADivisionIsWhatEveryCodeInItStartsWith() {
        assertThat(Divisions.prefixOf("330000")).isEqualTo("33");
        assertThat(Divisions.prefixOf("330200")).isEqualTo("3302");
        assertThat(Divisions.prefixOf("330211")).isEqualTo("330211");
        assertThat(Divisions.prefixOf("33021")).isNull();
        assertThat(Divisions.prefixOf("^.*")).isNull();
        assertThat(Divisions.isAboveCounty("330200")).isTrue();
        assertThat(Divisions.isAboveCounty("330000")).isTrue();
        assertThat(Divisions.isAboveCounty("330211")).isFalse();
        assertThat(Divisions.isAboveCounty("3302")).isFalse();
    }
}
