package cn.unionhub.membercard.card.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CardRangesTest {

    @Test
    void aMemberIsNumberedFromTheRangeOfTheCityOfTheirDistrict() {
        assertThat(CardFixtures.RANGES.prefixFor("330211")).contains("6230913302");
        assertThat(CardFixtures.RANGES.prefixFor("370202")).contains("6230913702");
        assertThat(CardFixtures.RANGES.prefixFor("360102")).contains("6230913601");
    }

    @Test
    void regionsWithoutARangeAndMalformedDistrictsGetNone() {
        assertThat(CardFixtures.RANGES.prefixFor("110101")).isEmpty();
        assertThat(CardFixtures.RANGES.prefixFor(null)).isEmpty();
        assertThat(CardFixtures.RANGES.prefixFor("33")).isEmpty();
        assertThat(CardFixtures.RANGES.prefixFor("33O211")).isEmpty();
    }

    @Test
    void twoRegionsOfOneBankStillHaveTheirOwnRange() {
        CardRanges ranges = new CardRanges(Map.of("3302", "621700", "3702", "621700"));
        assertThat(ranges.prefixFor("330211")).isNotEqualTo(ranges.prefixFor("370202"));
    }

    @Test
    void malformedConfigurationStopsStartUp() {
        assertThatThrownBy(() -> new CardRanges(Map.of("330", "623091"))).hasMessageContaining("4-digit");
        assertThatThrownBy(() -> new CardRanges(Map.of("3302", "62309"))).hasMessageContaining("6 digits");
        assertThatThrownBy(() -> new CardRanges(Map.of("3302", "62309A"))).hasMessageContaining("6 digits");
    }
}
