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
        double lat1 = Math.toRadians(a.latitude);
        double lat2 = Math.toRadians(b.latitude);
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(b.longitude - a.longitude);
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** The mean earth radius (IUGG), in metres. */
    static final double EARTH_RADIUS_METRES = 6_371_008.8;
}
