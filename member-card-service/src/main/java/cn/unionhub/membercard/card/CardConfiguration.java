package cn.unionhub.membercard.card;

import cn.unionhub.membercard.card.domain.CardRanges;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CardProperties.class)
class CardConfiguration {

    /** Checked at start-up: a malformed range stops the service instead of numbering cards wrongly. */
    @Bean
    CardRanges cardRanges(CardProperties properties) {
        return properties.cardRanges();
    }
}
