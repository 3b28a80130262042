package cn.unionhub.alert.warning.domain;

import cn.unionhub.platform.domain.Labelled;

/** Graded labor-relations risk warnings, red highest (分级预警：红橙黄蓝). */
public enum WarningLevel implements Labelled {
    RED,
    ORANGE,
    YELLOW,
    BLUE
}
