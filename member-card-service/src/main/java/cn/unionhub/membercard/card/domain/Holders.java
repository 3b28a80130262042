package cn.unionhub.membercard.card.domain;

import java.util.Optional;

/**
 * Port to the member register: who may hold a card. Implemented by the registry feature of this
 * service; both look-ups must be key look-ups (they run on every card request).
 */
public interface Holders {

    Optional<Holder> find(String memberId);

    /** The member whose sign-in account (token subject) this is. */
    Optional<Holder> byAccount(String account);
}
