package cn.unionhub.platform.domain;

/** An upload larger than the service takes (413), found while reading it (a chunked body has no length up front). */
public class TooLargeException extends DomainException {

    public TooLargeException(String code, Object... arguments) {
        super(code, arguments);
    }
}
