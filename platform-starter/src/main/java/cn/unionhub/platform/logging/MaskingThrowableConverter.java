package cn.unionhub.platform.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import cn.unionhub.platform.identity.Masking;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * Spring Boot's stack trace ({@code %wEx}) with personal data masked: an exception's message often
 * quotes the input that caused it (a phone number a validator refused, a query with an id), and
 * masking only the log message let those through.
 */
public class MaskingThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        return Masking.inText(super.throwableProxyToString(throwable));
    }
}
