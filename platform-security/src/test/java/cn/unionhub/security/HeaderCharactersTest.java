package cn.unionhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HeaderCharactersTest {

    /** Spring Security's defaults (StrictHttpFirewall, StrictServerWebExchangeFirewall), which the loop replaces. */
    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCharacterOfTheBasicPlaneIsJudgedAsThePatternsJudgeIt() {
        for (int c = 0; c <= 0xFFFF; c++) {
            String one = String.valueOf((char) c);
            String inText = "Bearer ab" + (char) c + "cd";
            assertThat(HeaderCharacters.allowedInName(one)).as("name U+%04X", c).isEqualTo(NAMES.matcher(one).matches());
            assertThat(HeaderCharacters.allowedInValue(one)).as("value U+%04X", c).isEqualTo(VALUES.matcher(one).matches());
            assertThat(HeaderCharacters.allowedInValue(inText)).as("value with U+%04X", c).isEqualTo(VALUES.matcher(inText).matches());
        }
    }

    @Test
    void supplementaryCharactersAndLoneSurrogatesAreJudgedAsThePatternsJudgeThem() {
        List<String> samples = new ArrayList<>(List.of("工会", "😀", "x\uD83D", "\uDE00y", "\uD83D\uDE00\uDE00", "\u0378", "a\u0085b",
                "\t", "a\tb", "", "e\u0301", new String(Character.toChars(0xE0080)), new String(Character.toChars(0x10FFFF)),
                new String(Character.toChars(0x20000))));
        Random random = new Random(17);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(6); n >= 0; n--) {
                s.appendCodePoint(random.nextBoolean() ? random.nextInt(0x110000) : random.nextInt(0x300));
            }
            samples.add(s.toString());
        }
        for (String s : samples) {
            assertThat(HeaderCharacters.allowedInName(s)).as("name %s", s.codePoints().boxed().toList()).isEqualTo(NAMES.matcher(s).matches());
            assertThat(HeaderCharacters.allowedInValue(s)).as("value %s", s.codePoints().boxed().toList()).isEqualTo(VALUES.matcher(s).matches());
        }
    }

    @Test
    void aTokenPassesAndControlCharactersDoNot() {
        assertThat(HeaderCharacters.allowedInValue("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ3b3JrZXIifQ.c2ln")).isTrue();
        assertThat(HeaderCharacters.allowedInValue("evil\r\nSet-Cookie: x=y")).isFalse();
        assertThat(HeaderCharacters.allowedInValue("nul\u0000")).isFalse();
        assertThat(HeaderCharacters.allowedInName("X-Tab\tName")).isFalse();
        assertThat(HeaderCharacters.allowedInValue("a\tb")).isTrue();
        // The reactive firewall asks about headers the request does not have.
        assertThat(HeaderCharacters.allowedInValue(null)).isTrue();
        assertThat(HeaderCharacters.allowedInName(null)).isTrue();
    }
}
