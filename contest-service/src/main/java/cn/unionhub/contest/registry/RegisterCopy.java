package cn.unionhub.contest.registry;

import cn.unionhub.contest.registry.store.RegisteredMembers;
import cn.unionhub.events.membercard.MemberChanged;
import cn.unionhub.events.membercard.MemberEnrolled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * contest-service's copy of the members of the register that member-card-service owns, so an entry
 * can be checked against it: a worker enters only as the member their account is linked to, an
 * enterprise union only its own members. Fed by the register's member events only, never by a call;
 * each carries the whole membership and its revision, and the copy takes one only when it is newer.
 */
@Service
public class RegisterCopy {

    private static final Logger log = LoggerFactory.getLogger(RegisterCopy.class);

    private final RegisteredMembers members;

    RegisterCopy(RegisteredMembers members) {
        this.members = members;
    }

    public void enrolled(MemberEnrolled e) {
        save(e.idHash(), e.memberId(), e.enterprise(), e.district(), e.status(), e.account(), e.revision());
    }

    public void memberChanged(MemberChanged e) {
        save(e.idHash(), e.memberId(), e.enterprise(), e.district(), e.status(), e.account(), e.revision());
    }

    private void save(String idHash, String memberId, String enterprise, String district, String status, String account, long revision) {
        if (idHash == null) {
            // Published before events carried the hash: the member's next change brings it.
            log.debug("Member {} revision {} carries no identity hash; not copied", memberId, revision);
        } else if (!members.save(idHash, memberId, enterprise, district, status, account, revision)) {
            log.debug("Member {} revision {} is not newer than the copy's; skipped", memberId, revision);
        }
    }
}
