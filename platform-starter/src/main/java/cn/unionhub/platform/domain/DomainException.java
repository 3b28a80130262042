package cn.unionhub.platform.domain;

import java.util.Arrays;

/**
 * A business rule said no. Plain Java so domain code can throw it without knowing about HTTP;
 * the web layer turns it into an RFC 9457 problem whose {@code type} ends in {@link #code()} and
 * whose title and detail come from the {@code problem.<code>.title|detail} messages (zh-CN first).
 */
public abstract class DomainException extends RuntimeException {

    private final String code;
    private final transient Object[] arguments;

    protected DomainException(String code, Object... arguments) {
        super(code + (arguments.length == 0 ? "" : " " + Arrays.toString(arguments)));
        this.code = code;
        this.arguments = arguments.clone();
    }

    /** Stable, kebab-case problem code such as {@code case-not-found}. */
    public String code() {
        return code;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}
