package cn.unionhub.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code unionhub-defaults.yml} as the last property source, so every service gets the same
 * Eureka, Kafka, MongoDB, actuator and metrics conventions without repeating them, and can still
 * override any of them.
 */
public class UnionHubDefaults implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "unionhub-defaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader()
                    .load(SOURCE_NAME, new ClassPathResource("unionhub-defaults.yml"))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read unionhub-defaults.yml", e);
        }
    }
}
