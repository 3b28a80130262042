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
     * Whether no union of the enterprise's own is known: the register knows the enterprise (active) without one — none
     * registered, or its union closed — or does not know the enterprise at all. An unknown employer's "enterprise union"
     * was a queue nobody works (exploratory test, 2026-12-04: a gig worker's complaint about an unregistered employer
     * waited there until its deadline); its district's union verifies the employer and routes it on.
     */
    boolean withoutKnownUnion(String uscc);

    /** Whether the register knows the enterprise; a register that says nothing ({@link #UNKNOWN}) knows them all. */
    default boolean registered(String uscc) {
        return true;
    }
}
