package cn.unionhub.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The registry's own HTTP client registers {@code http.client.requests} first; a proxied call, observed under the same
 * name with the route's tags, must still reach the scrape.
 */
class ProxiedRequestMetersTest {

    @Test
    void aProxiedCallIsExportedBesideTheGatewaysOwnClientCalls() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new ProxiedRequestMeters().proxiedRequestsByName());

        Timer.builder("http.client.requests").tags("client.name", "127.0.0.1", "method", "GET", "uri", "/eureka/apps/",
                "status", "200", "outcome", "SUCCESS", "exception", "none").register(registry).record(Duration.ofMillis(3));
        Timer.builder("http.client.requests").tags("http.method", "GET", "http.status_code", "200",
                "spring.cloud.gateway.route.id", "feedback-service", "spring.cloud.gateway.route.uri", "lb://feedback-service")
                .register(registry).record(Duration.ofMillis(2));
        LongTaskTimer.builder("http.client.requests.active").tags("http.method", "GET",
                "spring.cloud.gateway.route.id", "feedback-service").register(registry);

        String scrape = registry.scrape();
        assertThat(scrape).contains("http_client_requests_seconds_count{client_name=\"127.0.0.1\"")
                .contains("gateway_proxied_requests_seconds_count{http_method=\"GET\",http_status_code=\"200\","
                        + "spring_cloud_gateway_route_id=\"feedback-service\"")
                .contains("gateway_proxied_requests_active_seconds_count{http_method=\"GET\"");
    }
}
