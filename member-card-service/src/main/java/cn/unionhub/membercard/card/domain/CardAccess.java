package cn.unionhub.membercard.card.domain;

import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import java.util.Objects;

/**
 * What a caller is to a card, decided by its holder's current place in the register: the staff who
 * manage the member (their enterprise's union, their district's union, administrators), the holder
 * themselves, a government system that may only read, or nobody — to whom the card does not exist.
 * Managers and the holder see the full number; everyone else sees it masked.
 */
public enum CardAccess {
    MANAGER, HOLDER, OBSERVER, NONE;

    /** @param holder the card's holder as the register knows them now; {@code null} when it does not */
    public static CardAccess of(Actor actor, Holder holder) {
        if (actor.has(Role.ADMIN)) {
            return MANAGER;
        }
        if (holder != null && manages(actor, holder)) {
            return MANAGER;
        }
        if (holder != null && holder.account() != null && holder.account().equals(actor.subject())) {
            return HOLDER;
        }
        return actor.has(Role.GOV_SYSTEM) ? OBSERVER : NONE;
    }

    private static boolean manages(Actor actor, Holder holder) {
        if (actor.has(Role.DISTRICT_UNION) && actor.district() != null && Objects.equals(actor.district(), holder.district())) {
            return true;
        }
        return actor.has(Role.ENTERPRISE_UNION) && actor.enterprise() != null
                && Objects.equals(actor.enterprise(), holder.enterprise());
    }

    public boolean sees() {
        return this != NONE;
    }

    public boolean seesFullNumber() {
        return this == MANAGER || this == HOLDER;
    }

    /** Whether the caller may act on the card at all (which steps, the card itself decides). */
    public boolean acts() {
        return this == MANAGER || this == HOLDER;
    }

    public Card.Party party() {
        return this == HOLDER ? Card.Party.HOLDER : Card.Party.STAFF;
    }
}
