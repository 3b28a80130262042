package cn.unionhub.gateway.routing;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadConfig;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Cloud CircuitBreaker wraps every route in a semaphore bulkhead, and its own default
 * (Resilience4j's 25 concurrent calls per service, ignoring {@code resilience4j.bulkhead.*}) made the
 * gateway answer 503 at about 20 complaints a second with their timeline reads — long before any
 * service was busy. The services' thread pools and the per-user buckets are the real limits; the
 * bulkhead stays as a guard against a runaway caller.
 */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

    /**
     * The bulkhead is per route. A stream route ({@code …-stream}) holds a call for as long as a client
     * listens, so its limit is the number of open streams, not of calls in flight.
     */
    @Bean
    Customizer<ReactiveResilience4jBulkheadProvider> bulkheadPerService(
            @Value("${unionhub.gateway.max-concurrent-calls-per-service:256}") int maxConcurrentCalls,
            @Value("${unionhub.gateway.max-open-streams-per-route:10000}") int maxOpenStreams) {
        return provider -> provider.configureDefault(id -> new Resilience4jBulkheadConfigurationBuilder()
                .bulkheadConfig(BulkheadConfig.custom().maxConcurrentCalls(id.endsWith("-stream") ? maxOpenStreams : maxConcurrentCalls)
                        .maxWaitDuration(Duration.ZERO).build())
                .threadPoolBulkheadConfig(ThreadPoolBulkheadConfig.ofDefaults())
                .build());
    }
}
