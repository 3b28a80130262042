package cn.unionhub.cases.casework.domain;

/**
 * What the register says of an enterprise's own union (基层工会), for routing: a case for "the enterprise's union"
 * about an enterprise that has none would wait in a queue no account works until its deadline passed. Kept from the
 * register's organisation events, outside the domain.
 */
@FunctionalInterface
public interface EnterpriseUnions {

    /** A register that says nothing: every enterprise is taken to have its union (the routing of before 2026-12-04). */
    EnterpriseUnions UNKNOWN = uscc -> false;

    /**
     * Whether the register knows the enterprise (active) and that it has no union of its own: none registered, or
     * its union closed. An enterprise the register does not know is not "without": its union may simply not be
     * registered yet, and its chair's account names it.
     */
    boolean knownWithoutUnion(String uscc);
}
