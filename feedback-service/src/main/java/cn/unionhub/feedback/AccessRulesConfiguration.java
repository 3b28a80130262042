package cn.unionhub.feedback;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import cn.unionhub.security.AccessRules;
import cn.unionhub.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call which endpoint of feedback-service: the one place for it (anything unlisted is refused). */
@Configuration(proxyBeanMethods = false)
class AccessRulesConfiguration {

    @Bean
    AccessRules accessRules() {
        return AccessRules.define()
                .publicly(GET, "/api/v1/feedback/categories", "/api/v1/feedback/code-lists",
                        "/api/v1/feedback/category-definitions", "/api/v1/feedback/enterprises/{enterprise}")
                // The private token is the credential; the gateway throttles anonymous calls hard.
                .publicly(POST, "/api/v1/feedback/follow-up", "/api/v1/feedback/follow-up/satisfaction", "/api/v1/feedback/follow-up/replies")
                // Workers submit themselves; union staff and handlers record hotline calls and talks for them.
                .allow(POST, "/api/v1/feedback/submissions", Role.WORKER, Role.ENTERPRISE_UNION, Role.DISTRICT_UNION,
                        Role.HANDLER)
                .allow(GET, "/api/v1/feedback/submissions/mine", Role.WORKER)
                .allow(GET, "/api/v1/feedback/submissions/mine/stream", Role.WORKER)
                .allow(GET, "/api/v1/feedback/submissions", Role.ENTERPRISE_UNION, Role.DISTRICT_UNION, Role.HANDLER, Role.ADMIN)
                .allow(POST, "/api/v1/feedback/submissions/{trackingNumber}/satisfaction", Role.WORKER)
                .allow(POST, "/api/v1/feedback/submissions/{trackingNumber}/replies", Role.WORKER)
                .allow(GET, "/api/v1/feedback/submissions/{trackingNumber}", Role.WORKER, Role.ENTERPRISE_UNION,
                        Role.DISTRICT_UNION, Role.HANDLER, Role.ADMIN)
                .allow(GET, "/api/v1/feedback/submissions/{trackingNumber}/contact", Role.ENTERPRISE_UNION, Role.DISTRICT_UNION,
                        Role.HANDLER, Role.ADMIN)
                .allow(GET, "/api/v1/feedback/bulletins/{district}/{period}", Role.DISTRICT_UNION, Role.HANDLER, Role.ADMIN,
                        Role.GOV_SYSTEM)
                .allow(POST, "/api/v1/feedback/bulletins/{district}/{period}/publication", Role.DISTRICT_UNION, Role.ADMIN);
    }
}
