package cn.unionhub.platform.logging;

import cn.unionhub.platform.identity.Masking;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * JSON logs ({@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}, or {@code logstash} / {@code gelf}) with
 * mobile numbers and resident ids masked in every text member — the message, the stack trace, MDC
 * values — as the plain-text log masks its messages ({@link MaskingMessageConverter}). Registered in
 * {@code META-INF/spring.factories}, so every process of the platform gets it.
 */
public class MaskingJsonMembers implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, Masking::inText));
    }
}
