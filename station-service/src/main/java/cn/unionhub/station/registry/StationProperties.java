package cn.unionhub.station.registry;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Station rules an operator may tune.
 *
 * @param maxMapAgeDays   map information checked longer ago than this fails the 六有 inspection
 * @param nearestLimit    the most stations one nearest-station answer lists
 * @param nearestRadius   how far the nearest-station search looks by default, in metres
 * @param nearestMaxRadius the farthest a caller may ask it to look, in metres
 */
@ConfigurationProperties("unionhub.stations")
public record StationProperties(@DefaultValue("180") int maxMapAgeDays, @DefaultValue("20") int nearestLimit,
        @DefaultValue("5000") int nearestRadius, @DefaultValue("50000") int nearestMaxRadius) {
}
