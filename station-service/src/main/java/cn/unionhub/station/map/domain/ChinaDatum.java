package cn.unionhub.station.map.domain;

/**
 * WGS-84 ↔ GCJ-02 with the published formula (the Krasovsky-1940 ellipsoid offsets every Chinese
 * map SDK applies). Forward is exact to the formula; backward has no closed form, so it iterates the
 * forward formula until the round trip is within a millimetre. Outside mainland China (its bounding
 * box, as every implementation of the formula uses) GCJ-02 equals WGS-84: no shift is applied.
 */
final class ChinaDatum {

    private static final double A = 6_378_245.0;
    private static final double EE = 0.006_693_421_622_965_943_23;

    private ChinaDatum() {
    }

    static boolean outsideChina(double latitude, double longitude) {
        return longitude < 72.004 || longitude > 137.8347 || latitude < 0.8293 || latitude > 55.8271;
    }

    static Position toGcj02(Position wgs) {
        double[] shifted = shift(wgs.latitude(), wgs.longitude());
        return new Position(shifted[0], shifted[1], Datum.GCJ02);
    }

    static Position toWgs84(Position gcj) {
        double lat = gcj.latitude();
        double lon = gcj.longitude();
        if (outsideChina(lat, lon)) {
            return new Position(lat, lon, Datum.WGS84);
        }
        double wgsLat = lat;
        double wgsLon = lon;
        for (int i = 0; i < 30; i++) {
            double[] forward = shift(wgsLat, wgsLon);
            double dLat = forward[0] - lat;
            double dLon = forward[1] - lon;
            wgsLat -= dLat;
            wgsLon -= dLon;
            if (Math.abs(dLat) < 1e-9 && Math.abs(dLon) < 1e-9) {
                break;
            }
        }
        return new Position(wgsLat, wgsLon, Datum.WGS84);
    }

    /** {latitude, longitude} in GCJ-02 of a WGS-84 point. */
    private static double[] shift(double lat, double lon) {
        if (outsideChina(lat, lon)) {
            return new double[] {lat, lon};
        }
        double dLat = latitudeOffset(lon - 105.0, lat - 35.0);
        double dLon = longitudeOffset(lon - 105.0, lat - 35.0);
        double radLat = Math.toRadians(lat);
        double magic = 1 - EE * Math.sin(radLat) * Math.sin(radLat);
        double sqrtMagic = Math.sqrt(magic);
        dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
        dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new double[] {lat + dLat, lon + dLon};
    }

    private static double latitudeOffset(double x, double y) {
        double ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return ret;
    }

    private static double longitudeOffset(double x, double y) {
        double ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return ret;
    }
}
