package cn.unionhub.station.registry.domain;

import cn.unionhub.platform.domain.Labelled;

/** Who built the station: the union itself, or a partner whose premises host it (seed 003). */
public enum StationType implements Labelled {
    SELF_BUILT,
    CO_BUILT_BANK,
    CO_BUILT_POST_OFFICE,
    CO_BUILT_POWER_COMPANY,
    CO_BUILT_MALL,
    CO_BUILT_OTHER
}
