package cn.unionhub.feedback.registry.domain;

/**
 * Where a worker belongs, as the register's member events say: never their name, identity number
 * or phone.
 *
 * @param memberId    the register's member id
 * @param union       their grassroots or joint union
 * @param enterprise  their employer's unified social credit code, or {@code null} (many joint-union members)
 * @param district    the county-level division of their union
 * @param workerGroup REGULAR, MIGRANT_WORKER or GIG_WORKER
 * @param status      ACTIVE or LEFT
 */
public record Membership(String memberId, String union, String enterprise, String district, String workerGroup,
        String status) {

    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
