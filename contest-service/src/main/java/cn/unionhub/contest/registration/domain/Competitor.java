package cn.unionhub.contest.registration.domain;

/**
 * Who competes, by the keyed hash of their identity number ({@code IdHashes}), never the number.
 *
 * @param enterprise     the employer's unified social credit code; null when not employed
 * @param enterpriseName the employer's name, as published in a notice
 */
public record Competitor(String idHash, String name, String enterprise, String enterpriseName, Employment employment) {

    public boolean isEmployee() {
        return employment == Employment.EMPLOYEE;
    }
}
