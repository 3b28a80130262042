package cn.unionhub.station.registry.api;

import cn.unionhub.test.ApiClient;

/** Listed stations for other features' tests, made the way StationApiIT makes them. */
public final class StationApiITAccess {

    private StationApiITAccess() {
    }

    public static String listedStation(ApiClient api) {
        return StationApiIT.listedStation(api, 24.4900, 118.1200, "24/7", "\"FIRST_AID\"");
    }

    public static String otherStation(ApiClient api) {
        return StationApiIT.listedStation(api, 24.4950, 118.1250, "24/7", "\"REST\"");
    }

    /** The 思明区 union's staff token the station tests use. */
    public static String districtStaff() {
        return StationApiIT.SIMING_STAFF;
    }

    /** Staff of the neighbouring 湖里区 union, who govern none of 思明区's stations. */
    public static String otherDistrictStaff() {
        return StationApiIT.HULI_STAFF;
    }
}
