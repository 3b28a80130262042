package cn.unionhub.membercard.member.domain;

import cn.unionhub.platform.domain.ConflictException;

/** A membership change the member's state does not allow (409). */
public class MemberRuleException extends ConflictException {

    public MemberRuleException(String code, Object... arguments) {
        super(code, arguments);
    }
}
