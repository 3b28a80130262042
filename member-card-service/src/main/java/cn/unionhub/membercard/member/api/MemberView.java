package cn.unionhub.membercard.member.api;

import cn.unionhub.membercard.member.domain.Member;
import cn.unionhub.platform.identity.Masking;
import java.util.List;

/**
 * A member as the API shows them: the identity number only masked (it is not kept in clear), the
 * phone masked for staff and in full for the member, whether an account is linked but not which.
 */
record MemberView(String memberId, String name, String idNumber, String mobile, String workerGroup, String union,
        String enterprise, String district, String status, boolean accountLinked, List<Member.Period> history) {

    static MemberView forStaff(Member m) {
        return new MemberView(m.id(), m.name(), m.idMasked(), Masking.mobile(m.mobile()), m.workerGroup().name(), m.union(),
                m.enterprise(), m.district(), m.status().name(), m.account() != null, m.history());
    }

    static MemberView forSelf(Member m) {
        return new MemberView(m.id(), m.name(), m.idMasked(), m.mobile(), m.workerGroup().name(), m.union(),
                m.enterprise(), m.district(), m.status().name(), true, m.history());
    }
}
