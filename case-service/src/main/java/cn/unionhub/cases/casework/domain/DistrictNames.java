package cn.unionhub.cases.casework.domain;

/**
 * Names of administrative divisions by code (330211 → 镇海区), for the organisations cases are
 * routed and escalated to. Kept from the register's division events, outside the domain.
 */
@FunctionalInterface
public interface DistrictNames {

    /** The division's name, or {@code null} if the register has not named it (yet). */
    String nameOf(String code);
}
