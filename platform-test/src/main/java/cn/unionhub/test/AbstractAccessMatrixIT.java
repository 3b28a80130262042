package cn.unionhub.test;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.security.AccessRules;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The role × endpoint matrix of one service, against the running service with real tokens. A
 * service's test is one line: {@code class AccessMatrixIT extends AbstractAccessMatrixIT {}}.
 */
@IntegrationTest
public abstract class AbstractAccessMatrixIT {

    @Autowired
    private AccessRules rules;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mapping;

    @Value("${local.server.port}")
    private int port;

    @Test
    void everyEndpointHasAnAccessRule() {
        assertThat(AccessMatrix.uncoveredEndpoints(mapping, rules)).isEmpty();
    }

    @Test
    void everyRuleHoldsForEveryRoleAndForAnonymousCallers() {
        assertThat(rules.rules()).isNotEmpty();
        assertThat(AccessMatrix.violations("http://127.0.0.1:" + port, rules)).isEmpty();
    }
}
