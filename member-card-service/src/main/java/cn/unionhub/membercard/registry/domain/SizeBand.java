package cn.unionhub.membercard.registry.domain;

import java.util.Arrays;
import java.util.Optional;

/** Enterprise size bands of the statistical standard (统计上大中小微型企业划分办法), by their Chinese names too. */
public enum SizeBand {
    MICRO("微型"), SMALL("小型"), MEDIUM("中型"), LARGE("大型");

    private final String chinese;

    SizeBand(String chinese) {
        this.chinese = chinese;
    }

    /** {@code SMALL}, {@code small}, {@code 小型} or {@code 小} all mean SMALL. */
    public static Optional<SizeBand> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        return Arrays.stream(values())
                .filter(b -> b.name().equalsIgnoreCase(t) || b.chinese.equals(t) || b.chinese.substring(0, 1).equals(t))
                .findFirst();
    }
}
