package cn.unionhub.membercard.card;

import cn.unionhub.membercard.card.store.CardClaims;
import cn.unionhub.membercard.card.store.PayKeys;
import cn.unionhub.membercard.member.MemberService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A login taken off a membership (解除绑定) takes no pay code with it: the keys of the member's cards are retired, so the
 * codes of a phone the union cut off pay nothing — after an unlinking, the till still took them (exploratory test,
 * 2026-12-05). The member's own login fetches a new key.
 */
@Component
class PayKeysOfUnlinkedMembers {

    private final CardClaims claims;
    private final PayKeys keys;

    PayKeysOfUnlinkedMembers(CardClaims claims, PayKeys keys) {
        this.claims = claims;
        this.keys = keys;
    }

    @EventListener
    void unlinked(MemberService.Unlinked unlinked) {
        keys.retire(claims.ofMember(unlinked.memberId()).stream().flatMap(c -> c.cards().stream()).toList());
    }
}
