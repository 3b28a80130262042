package cn.unionhub.feedback.registry.domain;

import java.util.Optional;

/** The membership linked to a worker's sign-in account (the {@code sub} of their tokens), if any. */
public interface Memberships {

    Optional<Membership> ofAccount(String account);
}
