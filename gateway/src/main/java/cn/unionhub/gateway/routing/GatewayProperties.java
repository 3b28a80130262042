package cn.unionhub.gateway.routing;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The services behind the gateway ({@code unionhub.gateway.services}): id to the name people see.
 *
 * @param services service id (Eureka application name) to its Chinese display name
 */
@ConfigurationProperties("unionhub.gateway")
public record GatewayProperties(Map<String, String> services) {

    public String displayName(String serviceId) {
        return services.getOrDefault(serviceId, serviceId);
    }
}
