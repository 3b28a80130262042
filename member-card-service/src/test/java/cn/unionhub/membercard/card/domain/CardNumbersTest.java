package cn.unionhub.membercard.card.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.unionhub.platform.domain.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"79927398713", "4111111111111111", "5555555555554444", "378282246310005", "6011111111111117",
        "3530111333300000", "6200000000000005", "6799990100000000019"})
    void publishedLuhnValidNumbersPass(String number) {
        assertThat(CardNumbers.luhnValid(number)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"79927398710", "79927398714", "4111111111111112", "1234567812345678", "6799990100000000018",
        "", "7", "4111-1111-1111-1111"})
    void numbersWithAWrongCheckDigitOrNotDigitsFail(String number) {
        assertThat(CardNumbers.luhnValid(number)).isFalse();
    }

    @Test
    void theCheckDigitIsTheLuhnDigitOfThePayload() {
        assertThat(CardNumbers.luhnCheckDigit("7992739871")).isEqualTo(3);
        assertThat(CardNumbers.luhnCheckDigit("411111111111111")).isEqualTo(1);
        assertThat(CardNumbers.luhnCheckDigit("000000000000000000")).isZero();
    }

    @Test
    void aNumberIsIssuerRegionSequenceAndCheckDigit() {
        String number = CardNumbers.compose("6230913302", 42);

        assertThat(number).hasSize(19).startsWith("623091" + "3302" + "00000042");
        assertThat(CardNumbers.luhnValid(number)).isTrue();
        assertThat(CardNumbers.issuer(number)).isEqualTo("623091");
        assertThat(CardNumbers.region(number)).isEqualTo("3302");
        assertThat(CardNumbers.sequence(number)).isEqualTo(42);
        assertThat(CardNumbers.compose("6230913302", CardNumbers.MAX_SEQUENCE)).startsWith("623091330299999999");
    }

    @Test
    void everySingleDigitTypoAndMostNeighbourSwapsAreCaught() {
        String number = CardNumbers.compose("6230913702", 12_345_678);
        for (int i = 0; i < number.length(); i++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d != number.charAt(i)) {
                    String typo = number.substring(0, i) + d + number.substring(i + 1);
                    assertThat(CardNumbers.luhnValid(typo)).as(typo).isFalse();
                }
            }
        }
        for (int i = 0; i + 1 < number.length(); i++) {
            char a = number.charAt(i);
            char b = number.charAt(i + 1);
            boolean undetectable = a == b || (a == '0' && b == '9') || (a == '9' && b == '0');
            if (!undetectable) {
                String swapped = number.substring(0, i) + b + a + number.substring(i + 2);
                assertThat(CardNumbers.luhnValid(swapped)).as(swapped).isFalse();
            }
        }
    }

    @Test
    void composingOutsideTheLayoutIsRefused() {
        assertThatThrownBy(() -> CardNumbers.compose("623091330", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CardNumbers.compose("62309133O2", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CardNumbers.compose("6230913302", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CardNumbers.compose("6230913302", CardNumbers.MAX_SEQUENCE + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inputIsCheckedForLengthDigitsAndCheckDigit() {
        String valid = CardNumbers.compose("6230913302", 7);
        assertThat(CardNumbers.requireValid("cardNumber", valid)).isEqualTo(valid);
        assertThat(problem(null)).isEqualTo("required");
        assertThat(problem("sample-0001")).isEqualTo("card-number-format");
        assertThat(problem(valid.substring(1))).isEqualTo("card-number-format");
        assertThat(problem(valid + "0")).isEqualTo("card-number-format");
        assertThat(problem("4111111111111111")).as("valid Luhn, not our layout").isEqualTo("card-number-format");
        int wrong = (valid.charAt(18) - '0' + 1) % 10;
        assertThat(problem(valid.substring(0, 18) + wrong)).isEqualTo("card-number-check-digit");
    }

    @Test
    void maskingShowsTheFirstAndLastFourDigits() {
        String number = CardNumbers.compose("6230913302", 427);
        assertThat(CardNumbers.mask(number)).isEqualTo("6230***********" + number.substring(15))
                .matches("^[0-9]{4}\\*+[0-9]{4}$");
    }

    private static String problem(String input) {
        try {
            CardNumbers.requireValid("cardNumber", input);
            return null;
        } catch (RuleViolationException e) {
            assertThat(e.code()).isEqualTo("invalid-card-number");
            assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("cardNumber"));
            return e.violations().get(0).code();
        }
    }
}
