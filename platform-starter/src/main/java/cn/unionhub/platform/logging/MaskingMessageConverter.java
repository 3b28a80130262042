package cn.unionhub.platform.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import cn.unionhub.platform.identity.Masking;

/**
 * The log message with mobile numbers and resident ids masked, whoever wrote the log call: a
 * worker's phone number must not end up in a log file that many people can read.
 */
public class MaskingMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Masking.inText(super.convert(event));
    }
}
