package cn.unionhub.cases;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import cn.unionhub.security.AccessRules;
import cn.unionhub.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call which endpoint of case-service: the one place for it (anything unlisted is refused). */
@Configuration(proxyBeanMethods = false)
class AccessRulesConfiguration {

    @Bean
    AccessRules accessRules() {
        return AccessRules.define()
                .publicly(GET, "/api/v1/cases/handling-organisations")
                .allow(GET, "/api/v1/cases", Role.HANDLER, Role.ADMIN, Role.DISTRICT_UNION, Role.ENTERPRISE_UNION,
                        Role.GOV_SYSTEM)
                .allow(GET, "/api/v1/cases/{caseNumber}", Role.HANDLER, Role.ADMIN, Role.DISTRICT_UNION, Role.ENTERPRISE_UNION,
                        Role.GOV_SYSTEM)
                // Whoever the case is routed to answers and resolves it; scoping keeps them to their own cases.
                .allow(POST, "/api/v1/cases/{caseNumber}/responses", Role.HANDLER, Role.DISTRICT_UNION, Role.ENTERPRISE_UNION)
                .allow(POST, "/api/v1/cases/{caseNumber}/resolution", Role.HANDLER, Role.DISTRICT_UNION, Role.ENTERPRISE_UNION);
    }
}
