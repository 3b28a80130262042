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

    /** A caller's landline in a hotline summary was kept in full in the case's hash-chained history. */
    @Test
    void masksLandlinesWithTheirAreaCode() {
        assertThat(Masking.inText("来电人座机0574-86123456，店里电话 010-12345678，欠薪 5000000 分"))
                .isEqualTo("来电人座机0574-****3456，店里电话 010-****5678，欠薪 5000000 分");
    }

    /** Issue #12: a resolution text on a public enterprise page named the workers it helped. */
    @Test
    void aPublishedTextKeepsOnlyTheSurnamesOfThePeopleItNames() {
        String note = "经调解，企业已为职工张三和骑手王小明补发工资；王小明等12人已确认到账，请欧阳娜娜于周五前联系13812345678。";
        assertThat(Masking.inPublishedText(note, java.util.List.of("欧阳娜娜")))
                .isEqualTo("经调解，企业已为职工张某和骑手王某补发工资；王某等12人已确认到账，请欧阳某于周五前联系138****5678。");
    }

    @Test
    void aPublishedTextWithoutNamesIsLeftAsItWasAndMaskingTwiceChangesNothing() {
        String plain = "企业已整改食堂卫生，职工代表已确认；高温补贴按方案于周五发放，员工宿舍已维修。";
        assertThat(Masking.inPublishedText(plain, java.util.List.of())).isEqualTo(plain);
        String once = Masking.inPublishedText("投诉人李强反映的加班费已补发，李强师傅表示满意。", java.util.List.of());
        assertThat(once).isEqualTo("投诉人李某反映的加班费已补发，李某师傅表示满意。");
        assertThat(Masking.inPublishedText(once, java.util.List.of())).isEqualTo(once);
    }
}
