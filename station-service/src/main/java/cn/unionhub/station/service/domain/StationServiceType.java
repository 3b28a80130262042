package cn.unionhub.station.service.domain;

import cn.unionhub.platform.domain.Labelled;

/** Free services an outdoor-worker service station can offer (户外劳动者服务站点服务项目). */
public enum StationServiceType implements Labelled {
    HEATING,
    COOLING,
    REST,
    FOOD_HEATING,
    DRINKING_WATER,
    WIFI,
    PHONE_CHARGING,
    RESTROOM,
    FIRST_AID,
    UMBRELLA_LENDING,
    READING,
    COUNSELLING,
    LEGAL_AID
}
