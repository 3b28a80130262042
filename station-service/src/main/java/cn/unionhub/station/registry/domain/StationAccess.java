package cn.unionhub.station.registry.domain;

import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;

/**
 * Who may do what with a station. The district union of the station's district (and the city union
 * and administrators above it) registers, inspects, lists, orders rectification and delists; the
 * station's own manager — a handler account of organisation {@code STATION:<number>} — keeps its
 * opening hours and publishes its activities, and nothing else. Workers and the public only read
 * what is visible, and workers sign up.
 */
public final class StationAccess {

    private StationAccess() {
    }

    public static String organisationOf(String number) {
        return "STATION:" + number;
    }

    /**
     * Union staff over the district ({@link Actor#isUnionOver}: its district union, a city's or province's office
     * over it, the city union of its city), administrators.
     */
    public static boolean mayGovern(Actor actor, String district) {
        return actor.has(Role.ADMIN) || actor.isUnionOver(district);
    }

    /** Those who govern it, and the station's own manager. */
    public static boolean mayKeep(Actor actor, Station station) {
        return mayGovern(actor, station.district())
                || actor.has(Role.HANDLER) && organisationOf(station.number()).equals(actor.organisation());
    }
}
