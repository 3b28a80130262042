package cn.unionhub.station.map.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import cn.unionhub.platform.domain.RuleViolationException;
import org.junit.jupiter.api.Test;

class ChinaDatumTest {

    /** The formula's usual reference point (天安门 area): WGS-84 39.915, 116.404. */
    @Test
    void wgs84BecomesGcj02ByThePublishedFormula() {
        Position gcj = Position.wgs84(39.915, 116.404).in(Datum.GCJ02);
        assertThat(gcj.latitude()).isCloseTo(39.91640428150164, within(1e-9));
        assertThat(gcj.longitude()).isCloseTo(116.41024449916938, within(1e-9));
        assertThat(gcj.datum()).isEqualTo(Datum.GCJ02);
        // The shift is a few hundred metres: exactly what puts a WGS-84 pin beside the road on a Chinese map.
        assertThat(Position.wgs84(39.915, 116.404).metresTo(gcj)).as("same place in two datums").isLessThan(0.01);
        assertThat(Position.wgs84(39.915, 116.404).metresTo(Position.wgs84(gcj.latitude(), gcj.longitude())))
                .isBetween(400.0, 700.0);
    }

    @Test
    void gcj02GoesBackToWgs84WithinAMillimetre() {
        for (double[] p : new double[][] {{24.4798, 118.0894}, {43.8171, 125.3235}, {26.0745, 119.2965}, {29.8683, 121.5440}}) {
            Position wgs = Position.wgs84(p[0], p[1]);
            Position back = wgs.in(Datum.GCJ02).in(Datum.WGS84);
            assertThat(back.datum()).isEqualTo(Datum.WGS84);
            assertThat(wgs.metresTo(back)).as("round trip at %s", wgs).isLessThan(0.001);
        }
    }

    @Test
    void outsideChinaNoShiftApplies() {
        Position tokyo = Position.wgs84(35.6895, 139.6917);
        assertThat(tokyo.in(Datum.GCJ02).latitude()).isEqualTo(35.6895);
        assertThat(tokyo.in(Datum.GCJ02).longitude()).isEqualTo(139.6917);
        Position london = Position.gcj02(51.5074, -0.1278);
        assertThat(london.in(Datum.WGS84).latitude()).isEqualTo(51.5074);
    }

    @Test
    void coordinatesOutOfRangeOrSwappedAreRefusedByName() {
        assertThatThrownBy(() -> Position.gcj02(118.0894, 24.4798)).isInstanceOfSatisfying(RuleViolationException.class,
                e -> assertThat(e.violations()).extracting(RuleViolationException.FieldViolation::code).containsExactly("coordinates-swapped"));
        assertThatThrownBy(() -> Position.wgs84(95, 200)).isInstanceOfSatisfying(RuleViolationException.class,
                e -> assertThat(e.violations()).extracting(RuleViolationException.FieldViolation::field).containsExactly("latitude", "longitude"));
        assertThatThrownBy(() -> new Position(24.4, 118.0, null)).isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> Position.wgs84(Double.NaN, 118.0)).isInstanceOf(RuleViolationException.class);
    }
}
