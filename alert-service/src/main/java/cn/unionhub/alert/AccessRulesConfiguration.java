package cn.unionhub.alert;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import cn.unionhub.security.AccessRules;
import cn.unionhub.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call which endpoint of alert-service: the one place for it (anything unlisted is refused). */
@Configuration(proxyBeanMethods = false)
class AccessRulesConfiguration {

    @Bean
    AccessRules accessRules() {
        return AccessRules.define()
                .publicly(GET, "/api/v1/alerts/levels")
                // Other government systems report signals; administrators may load them by hand.
                .allow(POST, "/api/v1/alerts/signals", Role.GOV_SYSTEM, Role.ADMIN)
                .allow(GET, "/api/v1/alerts/signal-kinds", Role.ADMIN, Role.GOV_SYSTEM)
                // Work queues: scoping keeps enterprise unions to their enterprise, district staff to their district.
                .allow(GET, "/api/v1/alerts/warnings", Role.DISTRICT_UNION, Role.ENTERPRISE_UNION, Role.HANDLER,
                        Role.GOV_SYSTEM, Role.ADMIN)
                .allow(GET, "/api/v1/alerts/warnings/{id}", Role.DISTRICT_UNION, Role.ENTERPRISE_UNION, Role.HANDLER,
                        Role.GOV_SYSTEM, Role.ADMIN)
                // The closed loop is worked by the departments and the local (district) union, not by the enterprise.
                .allow(POST, "/api/v1/alerts/warnings/{id}/verification", Role.DISTRICT_UNION, Role.HANDLER, Role.GOV_SYSTEM,
                        Role.ADMIN)
                .allow(POST, "/api/v1/alerts/warnings/{id}/disposal", Role.DISTRICT_UNION, Role.HANDLER, Role.GOV_SYSTEM,
                        Role.ADMIN)
                .allow(POST, "/api/v1/alerts/warnings/{id}/docking", Role.DISTRICT_UNION, Role.HANDLER, Role.GOV_SYSTEM,
                        Role.ADMIN)
                .allow(POST, "/api/v1/alerts/warnings/{id}/closure", Role.DISTRICT_UNION, Role.HANDLER, Role.GOV_SYSTEM,
                        Role.ADMIN)
                .allow(GET, "/api/v1/alerts/reports/daily/{date}", Role.DISTRICT_UNION, Role.HANDLER, Role.GOV_SYSTEM,
                        Role.ADMIN);
    }
}
