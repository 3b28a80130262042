package cn.unionhub.test;

import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at {@link TestInfrastructure}: its Kafka broker, a fresh MongoDB
 * database of its own (so contexts never see each other's data), no Eureka, trust in
 * {@link TestTokens}, and no jobs fired by the calendar.
 */
public class InfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestInfrastructure infra = TestInfrastructure.get();
        String database = "test-" + UUID.randomUUID().toString().substring(0, 8);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("unionhub-test-infrastructure", Map.of(
                "spring.kafka.bootstrap-servers", infra.kafkaBootstrapServers(),
                "spring.mongodb.uri", infra.mongoUri() + "/" + database,
                "spring.mongodb.database", database,
                "eureka.client.enabled", "false",
                "spring.cloud.discovery.enabled", "false",
                "unionhub.security.jwt.issuer", TestTokens.ISSUER,
                "unionhub.security.jwt.public-key-location", TestTokens.publicKeyLocation(),
                // A key for tests only; real installations configure their own (PseudonymKey).
                "unionhub.security.pseudonym-key", "test-pseudonym-key-for-integration-tests-only",
                // The daily and monthly jobs by the wall clock are off: a run at 03:30 or 01:30 Beijing time would
                // otherwise fire them in the middle of a test that runs them itself (tests call the jobs' methods).
                "unionhub.ledger.reconciliation.cron", "-",
                "unionhub.feedback.bulletin-publication-cron", "-")));
    }
}
