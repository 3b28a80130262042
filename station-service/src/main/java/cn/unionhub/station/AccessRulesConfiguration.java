package cn.unionhub.station;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import cn.unionhub.security.AccessRules;
import cn.unionhub.security.Role;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call which endpoint of station-service: the one place for it (anything unlisted is refused). */
@Configuration(proxyBeanMethods = false)
class AccessRulesConfiguration {

    @Bean
    AccessRules accessRules() {
        Set<Role> governors = Set.of(Role.ADMIN, Role.DISTRICT_UNION);
        // Station managers are handler accounts of organisation STATION:<number>; StationAccess keeps them to their station.
        Set<Role> keepers = Set.of(Role.ADMIN, Role.DISTRICT_UNION, Role.HANDLER);
        return AccessRules.define()
                // Before the public /api/v1/stations/{number}, which the first match would otherwise let it fall under.
                // Visit counts per district: the union offices, and other government systems.
                .allow(GET, "/api/v1/stations/visits", Role.ADMIN, Role.DISTRICT_UNION, Role.GOV_SYSTEM)
                // The station map is for anyone in the street, without an account.
                // Before the public /api/v1/stations/activities/{id}, which would otherwise take it.
                .allow(GET, "/api/v1/stations/activities/sign-ups/mine", Role.WORKER)
                .publicly(GET, "/api/v1/stations/service-types", "/api/v1/stations/nearest", "/api/v1/stations/export",
                        "/api/v1/stations/{number}",
                        "/api/v1/stations/{number}/activities", "/api/v1/stations/activities/{id}")
                .allow(POST, "/api/v1/stations", governors)
                .allow(POST, "/api/v1/stations/imports", governors)
                .allow(GET, "/api/v1/stations", governors)
                .allow(GET, "/api/v1/stations/{number}/record", keepers)
                .allow(POST, "/api/v1/stations/{number}/inspections", governors)
                .allow(POST, "/api/v1/stations/{number}/listing", governors)
                .allow(POST, "/api/v1/stations/{number}/rectification", governors)
                .allow(POST, "/api/v1/stations/{number}/delisting", governors)
                .allow(PUT, "/api/v1/stations/{number}/hours", keepers)
                .allow(POST, "/api/v1/stations/{number}/activities", keepers)
                .allow(POST, "/api/v1/stations/{number}/visits", Role.WORKER)
                .allow(GET, "/api/v1/stations/{number}/check-in-code", keepers)
                .allow(POST, "/api/v1/stations/{number}/check-in-code/replacement", keepers)
                .allow(GET, "/api/v1/stations/{number}/visits", keepers)
                .allow(PATCH, "/api/v1/stations/activities/{id}", keepers)
                .allow(POST, "/api/v1/stations/activities/{id}/cancellation", keepers)
                .allow(POST, "/api/v1/stations/activities/{id}/sign-ups", Role.WORKER)
                .allow(GET, "/api/v1/stations/activities/{id}/sign-ups/mine", Role.WORKER)
                .allow(DELETE, "/api/v1/stations/activities/{id}/sign-ups/mine", Role.WORKER);
    }
}
