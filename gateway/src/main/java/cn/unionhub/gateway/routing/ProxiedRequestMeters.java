package cn.unionhub.gateway.routing;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's calls to the services get a metric name of their own. Spring Cloud Gateway observes each
 * proxied call as {@code http.client.requests} with its route's tags, and the gateway's other clients (the
 * Eureka registry's, the token keys') use the same name with the HTTP clients' tags. Prometheus takes one
 * set of tag keys per name; the registry's client came first at start, so every proxied call's timing (and
 * calls in flight) was refused with a warning. Renamed, a route's latency as the gateway sees it is exported
 * as {@code gateway_proxied_requests_seconds{spring_cloud_gateway_route_id=…}}.
 */
@Configuration(proxyBeanMethods = false)
class ProxiedRequestMeters {

    static final String CLIENT = "http.client.requests";
    static final String PROXIED = "gateway.proxied.requests";

    @Bean
    MeterFilter proxiedRequestsByName() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                boolean proxied = id.getName().startsWith(CLIENT) && id.getTag("spring.cloud.gateway.route.id") != null;
                return proxied ? id.withName(PROXIED + id.getName().substring(CLIENT.length())) : id;
            }
        };
    }
}
