package cn.unionhub.platform.events;

import java.time.Instant;

/** The CloudEvents attributes of a received event, for handlers that need more than the data. */
public record EventMetadata(String id, String type, String source, String subject, Instant time) {
}
