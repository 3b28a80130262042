package cn.unionhub.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PayCodeAppTest {

    /** RFC 6238 appendix B's SHA-1 key ("12345678901234567890") in base32. */
    private static final String RFC_KEY = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @Test
    void showsTheLastSixDigitsOfRfc6238sCodes() {
        assertThat(PayCodeApp.codeAt(RFC_KEY, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(PayCodeApp.codeAt(RFC_KEY, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
        assertThat(PayCodeApp.codeAt(RFC_KEY.toLowerCase(), Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
    }

    @Test
    void refusesAKeyThatIsNotBase32() {
        assertThatThrownBy(() -> PayCodeApp.code("GEZDGNBV1")).isInstanceOf(IllegalArgumentException.class);
    }
}
