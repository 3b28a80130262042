package cn.unionhub.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's 长春 network (seed 001: 341 stations on the e-map), the same on every run. */
class DemoStationsTest {

    @Test
    void changchunHas341NumberedStationsAndEveryRunMakesTheSameFile() {
        String csv = Demo.changchunStations();
        List<String> rows = csv.lines().skip(1).toList();
        assertThat(rows).hasSize(341);
        assertThat(rows.stream().map(r -> r.substring(0, r.indexOf(','))).distinct()).hasSize(341)
                .allMatch(number -> number.matches("JL-2201(02|03|04|05|06|12|13)-\\d{4}"));
        assertThat(Demo.changchunStations()).isEqualTo(csv);
    }
}
