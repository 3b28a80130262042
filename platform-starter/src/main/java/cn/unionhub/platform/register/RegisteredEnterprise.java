package cn.unionhub.platform.register;

/**
 * An enterprise as a service's copy of the register (member-card-service) last saw it. Plain Java,
 * so domain code may use it.
 *
 * @param uscc     unified social credit code, the register's id
 * @param name     registered name; {@code null} when only the closing of the enterprise reached the copy
 * @param district county-level division (6 digits)
 * @param industry GB/T 4754 section letter, or {@code null}
 * @param sizeBand MICRO, SMALL, MEDIUM or LARGE, or {@code null}
 * @param status   ACTIVE or CLOSED
 */
public record RegisteredEnterprise(String uscc, String name, String district, String industry, String sizeBand,
        String status) {

    public static final String CLOSED = "CLOSED";

    public boolean closed() {
        return CLOSED.equals(status);
    }
}
