package cn.unionhub.platform.domain;

/** The object does not exist, or the caller may not know that it exists (answered alike: 404). */
public class NotFoundException extends DomainException {

    public NotFoundException(String code, Object... arguments) {
        super(code, arguments);
    }
}
