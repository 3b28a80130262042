package cn.unionhub.platform.domain;

/**
 * The caller may see the object but this action is not theirs to take, e.g. a case routed to
 * another organisation (403). Use {@link NotFoundException} instead when even its existence must
 * not show.
 */
public class ForbiddenException extends DomainException {

    public ForbiddenException(String code, Object... arguments) {
        super(code, arguments);
    }
}
