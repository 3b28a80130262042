package cn.unionhub.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PseudonymsTest {

    private final Pseudonyms pseudonyms = new Pseudonyms("a-32-byte-test-key-not-for-prod!".getBytes(StandardCharsets.UTF_8));

    @Test
    void sameWorkerAlwaysGetsTheSamePseudonymAndItRevealsNothing() {
        String first = pseudonyms.of("worker-zhang-wei");

        assertThat(pseudonyms.of("worker-zhang-wei")).isEqualTo(first);
        assertThat(pseudonyms.of("worker-li-na")).isNotEqualTo(first);
        assertThat(first).startsWith("psn_").doesNotContain("zhang");
    }

    @Test
    void anotherKeyGivesUnrelatedPseudonyms() {
        Pseudonyms other = new Pseudonyms("another-32-byte-key-for-testing!".getBytes(StandardCharsets.UTF_8));
        assertThat(other.of("worker-zhang-wei")).isNotEqualTo(pseudonyms.of("worker-zhang-wei"));
    }

    @Test
    void refusesShortKeys() {
        assertThatThrownBy(() -> new Pseudonyms(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
