package cn.unionhub.membercard.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Every city the register serves has a card number range in the service's configuration: without one its members get
 * no member service card, and so no wallet withdrawal either (厦门 and 临沂 had none).
 */
class CardRangesCoverTheRegisterTest {

    @Test
    void everyCityOfTheRegisterHasACardRange() throws Exception {
        List<PropertySource<?>> config = new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"));
        try (BufferedReader divisions = new BufferedReader(new InputStreamReader(
                new ClassPathResource("registry/divisions.csv").getInputStream(), StandardCharsets.UTF_8))) {
            List<String> cities = divisions.lines().map(line -> line.split(",")).filter(f -> f.length > 2 && "CITY".equals(f[2]))
                    .map(f -> f[0].substring(0, 4)).toList();
            assertThat(cities).isNotEmpty();
            for (String region : cities) {
                assertThat(config.stream().anyMatch(source -> source.getProperty("unionhub.cards.ranges." + region) != null
                        || source.getProperty("unionhub.cards.ranges[" + region + "]") != null)).as("a card range for " + region).isTrue();
            }
        }
    }
}
