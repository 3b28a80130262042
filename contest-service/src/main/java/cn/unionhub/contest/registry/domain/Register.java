package cn.unionhub.contest.registry.domain;

import java.util.Optional;

/** contest-service's copy of the member register, by the keyed hash of an identity number. */
public interface Register {

    Optional<RegisteredMember> member(String idHash);
}
