package cn.unionhub.station.registry.domain;

import cn.unionhub.platform.domain.Labelled;

/** The 六有 standard a station is inspected against (seed 003, 福建). */
public enum SixHaves implements Labelled {
    /** 有统一标识 */
    UNIFIED_SIGN,
    /** 有合理布局 */
    LAYOUT,
    /** 有基本设施 */
    FACILITIES,
    /** 有服务内容 */
    SERVICES,
    /** 有管理制度 */
    RULES,
    /** 有地图信息: the station's entry on the e-map is current */
    MAP_INFORMATION
}
