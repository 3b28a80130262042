package cn.unionhub.membercard.registry.domain;

import java.util.Optional;

/** Finds registered divisions by code; the store implements it (from memory, since there are few). */
public interface DivisionLookup {

    Optional<Organisation> division(String code);
}
