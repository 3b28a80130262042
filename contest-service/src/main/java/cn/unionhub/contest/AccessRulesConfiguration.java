package cn.unionhub.contest;

import static org.springframework.http.HttpMethod.GET;

import cn.unionhub.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call which endpoint of contest-service: the one place for it (anything unlisted is refused). */
@Configuration(proxyBeanMethods = false)
class AccessRulesConfiguration {

    @Bean
    AccessRules accessRules() {
        return AccessRules.define()
                .publicly(GET, "/api/v1/contests/award-rules");
    }
}
