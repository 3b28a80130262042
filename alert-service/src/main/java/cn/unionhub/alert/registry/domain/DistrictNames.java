package cn.unionhub.alert.registry.domain;

/** Names of administrative divisions by code (330211 → 镇海区), from the event-fed copy of the register. */
@FunctionalInterface
public interface DistrictNames {

    /** The division's name, or {@code null} if the register has not named it (yet). */
    String nameOf(String code);
}
