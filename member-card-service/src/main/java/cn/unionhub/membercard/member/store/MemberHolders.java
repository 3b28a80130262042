package cn.unionhub.membercard.member.store;

import cn.unionhub.membercard.card.domain.Holder;
import cn.unionhub.membercard.card.domain.Holders;
import cn.unionhub.membercard.member.domain.Member;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Card holders are members: the card feature asks the register, by key, who a member is. */
@Component
class MemberHolders implements Holders {

    private final Members members;

    MemberHolders(Members members) {
        this.members = members;
    }

    @Override
    public Optional<Holder> find(String memberId) {
        return members.find(memberId).map(MemberHolders::holder);
    }

    @Override
    public Optional<Holder> byAccount(String account) {
        return members.byAccount(account).map(MemberHolders::holder);
    }

    private static Holder holder(Member m) {
        // The enterprise whose own union the member is in: only its chair manages the cards. A joint union's member names
        // an employer by free text, and its chair controlled their cards, another city's too (exploratory test, 2026-12-05).
        String ownUnionOf = m.enterprise() != null && ("GH-" + m.enterprise()).equals(m.union()) ? m.enterprise() : null;
        return new Holder(m.id(), m.account(), m.union(), ownUnionOf, m.district(), m.status() == Member.Status.ACTIVE);
    }
}
