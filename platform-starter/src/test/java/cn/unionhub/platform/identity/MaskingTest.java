package cn.unionhub.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void masksMobileNumbersAndResidentIdsTheWayChineseServicesShowThem() {
        assertThat(Masking.mobile("13812345678")).isEqualTo("138****5678");
        assertThat(Masking.residentId("330106199001011234")).isEqualTo("3301**********1234");
    }

    @Test
    void masksEveryOccurrenceInFreeTextButLeavesOtherNumbersAlone() {
        String line = "工人张伟 电话13812345678，身份证11010519491231002X，欠薪 5000000 分，工单 2026112100012345678901";
        assertThat(Masking.inText(line))
                .isEqualTo("工人张伟 电话138****5678，身份证1101**********002X，欠薪 5000000 分，工单 2026112100012345678901");
    }
}
