package cn.unionhub.station.map.domain;

import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.util.ArrayList;
import java.util.List;

/**
 * A point on the earth in a datum: latitude and longitude in degrees.
 *
 * @throws RuleViolationException (400) for a missing or out-of-range value, naming "coordinates-swapped"
 *                                when the two look exchanged (a latitude beyond ±90 with a longitude within it)
 */
public record Position(double latitude, double longitude, Datum datum) {

    public Position {
        List<FieldViolation> wrong = new ArrayList<>();
        if (datum == null) {
            wrong.add(new FieldViolation("datum", "required"));
        }
        if (!Double.isFinite(latitude) || !Double.isFinite(longitude)) {
            wrong.add(new FieldViolation("latitude", "required"));
        } else if (Math.abs(latitude) > 90 && Math.abs(longitude) <= 90) {
            wrong.add(new FieldViolation("latitude", "coordinates-swapped"));
        } else {
            if (Math.abs(latitude) > 90) {
                wrong.add(new FieldViolation("latitude", "out-of-range", -90, 90));
            }
            if (Math.abs(longitude) > 180) {
                wrong.add(new FieldViolation("longitude", "out-of-range", -180, 180));
            }
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-position", wrong);
        }
    }

    public static Position wgs84(double latitude, double longitude) {
        return new Position(latitude, longitude, Datum.WGS84);
    }

    public static Position gcj02(double latitude, double longitude) {
        return new Position(latitude, longitude, Datum.GCJ02);
    }

    /** The same place written in another datum. */
    public Position in(Datum target) {
        if (target == datum) {
            return this;
        }
        return target == Datum.GCJ02 ? ChinaDatum.toGcj02(this) : ChinaDatum.toWgs84(this);
    }

    /** Straight-line (great-circle) distance in metres; both positions are taken in WGS-84. */
    public double metresTo(Position other) {
        Position a = in(Datum.WGS84);
        Position b = other.in(Datum.WGS84);
        return metres(a.latitude, a.longitude, Math.cos(Math.toRadians(a.latitude)), b.latitude, b.longitude,
                Math.cos(Math.toRadians(b.latitude)));
    }

    /** The haversine distance between two WGS-84 points given in degrees, with the cosines of their latitudes. */
    static double metres(double lat1, double lon1, double cosLat1, double lat2, double lon2, double cosLat2) {
        double sinLat = Math.sin(Math.toRadians(lat2 - lat1) / 2);
        double sinLon = Math.sin(Math.toRadians(lon2 - lon1) / 2);
        double h = sinLat * sinLat + cosLat1 * cosLat2 * sinLon * sinLon;
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** The mean earth radius (IUGG), in metres. */
    static final double EARTH_RADIUS_METRES = 6_371_008.8;
}
