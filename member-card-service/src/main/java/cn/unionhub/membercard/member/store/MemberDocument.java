package cn.unionhub.membercard.member.store;

import cn.unionhub.membercard.member.domain.Member;
import cn.unionhub.membercard.member.domain.WorkerGroup;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** A member as stored; {@code version + 1} is the record's revision. No identity number in clear. */
@Document(Members.COLLECTION)
@CompoundIndex(name = "union_id", def = "{'union': 1, '_id': 1}")
class MemberDocument {
    @Id
    String id;
    @Version
    Long version;
    String name;
    String idHash;
    String idMasked;
    String mobile;
    String workerGroup;
    String union;
    String enterprise;
    String district;
    String account;
    String status;
    List<Member.Period> history;

    static MemberDocument of(Member m) {
        MemberDocument d = new MemberDocument();
        d.id = m.id();
        d.version = m.revision() - 1;
        d.name = m.name();
        d.idHash = m.idHash();
        d.idMasked = m.idMasked();
        d.mobile = m.mobile();
        d.workerGroup = m.workerGroup().name();
        d.union = m.union();
        d.enterprise = m.enterprise();
        d.district = m.district();
        d.account = m.account();
        d.status = m.status().name();
        d.history = m.history();
        return d;
    }

    Member toDomain() {
        return new Member(id, name, idHash, idMasked, mobile, WorkerGroup.valueOf(workerGroup), union, enterprise, district,
                account, Member.Status.valueOf(status), history, version == null ? 1 : version + 1);
    }
}
