package cn.unionhub.platform.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How every service's server-sent-event streams ({@link LogStreams}) behave.
 *
 * @param recheck     how often a stream looks for entries another instance logged (one key read per connected key)
 * @param keepAlive   how often an idle stream sends a comment line, so proxies keep it open
 * @param maxDuration how long a stream stays open before the client reconnects with its last id
 */
@ConfigurationProperties("unionhub.streams")
public record StreamSettings(
        @DefaultValue("2s") Duration recheck,
        @DefaultValue("15s") Duration keepAlive,
        @DefaultValue("30m") Duration maxDuration) {
}
