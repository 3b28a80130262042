package cn.unionhub.platform.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void namesAreOneLineThatDisplaysAsStored() {
        assertThat(PlainText.isPlain("宁波富德能源有限公司")).isTrue();
        assertThat(PlainText.isPlain("买买提·艾力 (Ali)")).isTrue();
        assertThat(PlainText.isPlain(null)).isTrue();
        assertThat(PlainText.isPlain("\u0000")).isFalse();
        assertThat(PlainText.isPlain("小写代码企业\n第二行")).isFalse();
        assertThat(PlainText.isPlain("司公限有\u202E")).isFalse();
        assertThat(PlainText.isPlain("tab\there")).isFalse();
    }

    @Test
    void aTextOfOnlyInvisibleCharactersIsBlank() {
        assertThat(PlainText.isBlank(null)).isTrue();
        assertThat(PlainText.isBlank(" \t\u3000")).as("white space, the ideographic one too").isTrue();
        assertThat(PlainText.isBlank("\u200b\u200b\u2060\ufeff")).as("zero-width and joiners").isTrue();
        assertThat(PlainText.isBlank("\u200b合同到期")).isFalse();
        assertThat(PlainText.isBlank("😀")).isFalse();
    }
}
