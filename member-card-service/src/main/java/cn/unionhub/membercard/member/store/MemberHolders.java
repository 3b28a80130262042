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
        return new Holder(m.id(), m.account(), m.union(), m.enterprise(), m.district(), m.status() == Member.Status.ACTIVE);
    }
}
