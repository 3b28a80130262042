package cn.unionhub.membercard.member.domain;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.membercard.MemberChanged;
import cn.unionhub.events.membercard.MemberEnrolled;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A union member (实名会员). The identity number is never kept: only its keyed hash, which finds
 * duplicates, and a masked form people can recognise; events carry neither, nor the name or phone.
 *
 * @param idHash    keyed hash of the resident identity number (the key is per installation)
 * @param idMasked  e.g. {@code 3302**********123X}
 * @param union     the grassroots or joint union the membership is in
 * @param account   the worker's sign-in account once linked, else {@code null}
 * @param history   every union the member belonged to, oldest first; the last is the current one
 * @param revision  1 at enrolment, one more per change
 */
public record Member(String id, String name, String idHash, String idMasked, String mobile, WorkerGroup workerGroup,
        String union, String enterprise, String district, String account, Status status, List<Period> history,
        long revision) {

    public enum Status {
        ACTIVE, LEFT
    }

    /** A stretch of membership in one union; {@code until} is {@code null} for the current one. */
    public record Period(String union, Instant from, Instant until, String reason) {
    }

    /** Where a member belongs: a union, its enterprise (if a grassroots union) and its district. */
    public record Placement(String union, String enterprise, String district) {
    }

    public Member {
        Objects.requireNonNull(id, "id");
        history = List.copyOf(history);
    }

    public static Change enrol(String id, String name, String idHash, String idMasked, String mobile, WorkerGroup group,
            Placement placement, String account, Instant now) {
        Member m = new Member(id, name, idHash, idMasked, mobile, group, placement.union(), placement.enterprise(),
                placement.district(), account, Status.ACTIVE,
                List.of(new Period(placement.union(), now, null, "入会")), 1);
        return new Change(m, List.of(new MemberEnrolled(id, account, idHash, m.union, m.enterprise, m.district,
                group.name(), Status.ACTIVE.name(), 1, now)));
    }

    /** 会籍转接: the membership moves; the old union stays in the history with when and why it ended. */
    public Change transferTo(Placement to, String reason, Instant now) {
        if (status != Status.ACTIVE) {
            throw new MemberRuleException("member-not-active", id);
        }
        if (to.union().equals(union)) {
            throw new MemberRuleException("already-in-union", to.union());
        }
        List<Period> periods = closeCurrent(now, reason);
        periods.add(new Period(to.union(), now, null, reason));
        return changed(new Member(id, name, idHash, idMasked, mobile, workerGroup, to.union(), to.enterprise(),
                to.district(), account, status, periods, revision + 1), now);
    }

    /**
     * 重新入会: a member who left joins again, in the union enrolling them — a new period; the record, its identity key and
     * its account link stay the person's. An active member is told so, as at a first enrolment.
     */
    public Change rejoin(Placement to, Instant now) {
        if (status == Status.ACTIVE) {
            return new Change(this, List.of());
        }
        List<Period> periods = new ArrayList<>(history);
        periods.add(new Period(to.union(), now, null, "重新入会"));
        return changed(new Member(id, name, idHash, idMasked, mobile, workerGroup, to.union(), to.enterprise(), to.district(), account,
                Status.ACTIVE, periods, revision + 1), now);
    }

    /** Links the member to the worker's sign-in account, so services know where that worker belongs. */
    public Change linkTo(String newAccount, Instant now) {
        if (Objects.equals(account, newAccount)) {
            return new Change(this, List.of());
        }
        if (account != null) {
            throw new MemberRuleException("member-linked-elsewhere", id);
        }
        return changed(new Member(id, name, idHash, idMasked, mobile, workerGroup, union, enterprise, district,
                newAccount, status, history, revision + 1), now);
    }

    /**
     * The login taken off the membership (the union's 解除绑定), and with it the mobile it was linked with: {@code newMobile}
     * in its place, or none until the union adds one. Nothing when no login is linked.
     */
    public Change unlink(String newMobile, Instant now) {
        if (account == null) {
            return new Change(this, List.of());
        }
        return changed(new Member(id, name, idHash, idMasked, newMobile, workerGroup, union, enterprise, district,
                null, status, history, revision + 1), now);
    }

    /**
     * 信息更正: the name, mobile or worker group as the union's records should have had them (a name mistyped
     * at enrolment kept the worker from ever linking their account, which checks number and name). The
     * identity number never changes: a wrong number is another person, who leaves and is enrolled anew.
     * {@code null} keeps a value.
     */
    public Change correct(String newName, String newMobile, WorkerGroup newGroup, Instant now) {
        String n = newName == null ? name : newName;
        String m = newMobile == null ? mobile : newMobile;
        WorkerGroup g = newGroup == null ? workerGroup : newGroup;
        if (n.equals(name) && Objects.equals(m, mobile) && g == workerGroup) {
            return new Change(this, List.of());
        }
        return changed(new Member(id, n, idHash, idMasked, m, g, union, enterprise, district, account, status, history,
                revision + 1), now);
    }

    /** Which of the enrolment's details differ from this member's on file (name, mobile when given), in that order. */
    public List<String> differingDetails(String enrolledName, String enrolledMobile) {
        List<String> differing = new ArrayList<>();
        if (enrolledName != null && !enrolledName.equals(name)) {
            differing.add("name");
        }
        if (enrolledMobile != null && !enrolledMobile.equals(mobile)) {
            differing.add("mobile");
        }
        return differing;
    }

    /** 退会 / 会籍注销: kept for the record, with the reason. */
    public Change leave(String reason, Instant now) {
        if (status != Status.ACTIVE) {
            return new Change(this, List.of());
        }
        return changed(new Member(id, name, idHash, idMasked, mobile, workerGroup, union, enterprise, district, account,
                Status.LEFT, closeCurrent(now, reason), revision + 1), now);
    }

    private List<Period> closeCurrent(Instant now, String reason) {
        List<Period> periods = new ArrayList<>(history);
        Period current = periods.remove(periods.size() - 1);
        periods.add(new Period(current.union(), current.from(), now, reason));
        return periods;
    }

    private Change changed(Member next, Instant now) {
        return new Change(next, List.of(new MemberChanged(id, next.account, next.idHash, next.union, next.enterprise, next.district,
                next.workerGroup.name(), next.status.name(), next.revision, now)));
    }

    /** A member after a change and the events it causes (none when nothing changed). */
    public record Change(Member member, List<DomainEvent> events) {
    }
}
