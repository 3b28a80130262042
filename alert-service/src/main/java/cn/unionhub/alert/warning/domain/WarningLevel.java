package cn.unionhub.alert.warning.domain;

import cn.unionhub.platform.domain.Labelled;

/** Graded labor-relations risk warnings, red highest (分级预警：红橙黄蓝). Declared from highest to lowest. */
public enum WarningLevel implements Labelled {
    RED,
    ORANGE,
    YELLOW,
    BLUE;

    public boolean isHigherThan(WarningLevel other) {
        return other == null || ordinal() < other.ordinal();
    }

    /** The higher of two levels, either of which may be null (no warning). */
    public static WarningLevel higher(WarningLevel a, WarningLevel b) {
        if (a == null) {
            return b;
        }
        return a.isHigherThan(b) ? a : b;
    }
}
