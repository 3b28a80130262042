package cn.unionhub.contest.registry.domain;

/**
 * A union member as the register (member-card-service) knows them, found by the keyed hash of
 * their identity number: the register checked that number and name when they enrolled, and their
 * sign-in account only after they proved both themselves (the member link).
 *
 * @param memberId   the register's member id
 * @param enterprise their employer's unified social credit code, or null (many joint-union members)
 * @param active     whether the membership is current (not LEFT)
 * @param account    the sign-in account they linked, or null
 */
public record RegisteredMember(String memberId, String enterprise, boolean active, String account, String district) {

    /** A copy written before it kept the district (null then: no region can be checked). */
    public RegisteredMember(String memberId, String enterprise, boolean active, String account) {
        this(memberId, enterprise, active, account, null);
    }

    /** Whether this member linked {@code account} to themselves. */
    public boolean linkedTo(String account) {
        return this.account != null && this.account.equals(account);
    }

    /** Whether this member currently belongs to the union of {@code enterprise}. */
    public boolean employeeOf(String enterprise) {
        return active && enterprise != null && enterprise.equals(this.enterprise);
    }
}
