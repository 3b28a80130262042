package cn.unionhub.platform.domain;

/** The request is valid but clashes with the object's current state, e.g. an illegal transition (409). */
public class ConflictException extends DomainException {

    public ConflictException(String code, Object... arguments) {
        super(code, arguments);
    }
}
