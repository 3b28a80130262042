package cn.unionhub.membercard.member;

import cn.unionhub.membercard.common.StoredTime;
import cn.unionhub.membercard.member.domain.EnrolmentForm;
import cn.unionhub.membercard.member.domain.Member;
import cn.unionhub.membercard.member.domain.MemberIds;
import cn.unionhub.membercard.member.store.Members;
import cn.unionhub.membercard.registry.domain.Organisation;
import cn.unionhub.membercard.registry.domain.OrganisationKind;
import cn.unionhub.membercard.registry.store.Organisations;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.platform.identity.ChineseIdentifiers;
import cn.unionhub.platform.identity.Masking;
import cn.unionhub.platform.identity.Pseudonyms;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * Enrolment (入会), membership transfer (会籍转接), leaving, and linking a member to the worker's
 * sign-in account. Who may act: the city union (ADMIN) for every union; a district union for the
 * unions of its district; an enterprise union for its own grassroots union only. A worker links
 * their own account by proving their identity number and name, and reads their own membership.
 */
@Service
public class MemberService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MemberService.class);
    /** The longest reason a transfer, a leaving or an unlinking keeps (each is stored in the member's history). */
    static final int MAX_REASON = 200;

    private final Members members;
    private final Organisations organisations;
    private final Pseudonyms pseudonyms;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    MemberService(Members members, Organisations organisations, Pseudonyms pseudonyms, Clock clock,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.members = members;
        this.organisations = organisations;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    /** The keyed hash that finds a person by identity number without keeping it. */
    public String idHash(String idNumber) {
        return pseudonyms.of("resident-id:" + idNumber.toUpperCase());
    }

    public Members.Enrolled enrol(String unionId, EnrolmentForm form, Actor actor) {
        Organisation union = manageableUnion(unionId, actor, "union");
        EnrolmentForm.Checked checked = form.check(mayNameAccounts(actor));
        if (!checked.ok()) {
            throw new RuleViolationException("invalid-enrolment", checked.violations());
        }
        Members.Enrolled enrolled = members.enrol(enrolment(union, checked));
        Member back = enrolled.created() ? null : rejoined(enrolled.member(), enrolment(union, checked).member());
        if (back != null) {
            return new Members.Enrolled(back, true);
        }
        if (!enrolled.created() && !maySee(actor, enrolled.member())) {
            // Enrolled in a union outside the caller's: say so, but not who they are, where or since when.
            throw new ConflictException("member-enrolled-elsewhere");
        }
        List<String> differing = enrolled.created() ? List.of() : enrolled.member().differingDetails(checked.name(), checked.mobile());
        if (!differing.isEmpty()) {
            // Answering 200 with the record on file let an officer believe a corrected name was taken.
            throw new ConflictException("member-details-differ", enrolled.member().id(), String.join(", ", differing));
        }
        return enrolled;
    }

    /** 信息更正 by the managers of the member's union (or the levels above): see {@link Member#correct}. */
    public Member correct(String memberId, EnrolmentForm.Correction correction, Actor actor) {
        Member member = visible(memberId, actor);
        requireChanges(actor, member);
        EnrolmentForm.Correction.Checked checked = correction.check();
        if (!checked.violations().isEmpty()) {
            throw new RuleViolationException("invalid-member-change", checked.violations()); // a correction, not an enrolment
        }
        if (checked.mobile() != null && member.account() != null && !checked.mobile().equals(member.mobile()) && byEnterpriseSide(actor)) {
            // The mobile of a linked member is what proves who may link: an enterprise union changing it (then unlinking)
            // could tie its own login to its worker's membership, card and wallet. The district union does it.
            throw new cn.unionhub.platform.domain.ForbiddenException("member-link-by-district-union", member.id());
        }
        Member.Change change = member.correct(checked.name(), checked.mobile(), checked.group(), StoredTime.now(clock));
        return change.events().isEmpty() ? member : members.save(change, member.account());
    }

    /** An enterprise union's officer, not the district union over it nor an administrator. */
    private static boolean byEnterpriseSide(Actor actor) {
        return actor.has(Role.ENTERPRISE_UNION) && !actor.has(Role.DISTRICT_UNION) && !actor.has(Role.ADMIN);
    }

    /**
     * Whether the caller may name a member's sign-in account at enrolment: only the platform's administrators
     * (moving an older register over). A union officer naming one could tie any worker's account to a
     * made-up member; workers link their own by proving their identity number and name.
     */
    public boolean mayNameAccounts(Actor actor) {
        return actor.has(Role.ADMIN);
    }

    /** Whether staff may see this member: the member's union's managers and the levels above. */
    public boolean maySee(Actor actor, Member member) {
        if (actor.isEnterpriseSide()) {
            // A chair sees the members of their own union only: a joint union's member naming the enterprise as employer is
            // the joint union's (its employer field is the union officer's free text, of any city).
            return managesUnion(actor, member.union());
        }
        return actor.canSee(member.enterprise(), member.district()) || managesUnion(actor, member.union());
    }

    /** A member ready to be written, for one enrolment or a file's rows. */
    public Member.Change enrolment(Organisation union, EnrolmentForm.Checked form) {
        return Member.enrol(MemberIds.next(), form.name(), idHash(form.idNumber()), Masking.residentId(form.idNumber()),
                form.mobile(), form.group(), placement(union, form.enterprise()), form.account(), StoredTime.now(clock));
    }

    /**
     * Admits someone found on file who left (重新入会): a new period on their record, placed as {@code enrolling} (the
     * enrolment the union asked for) would be — answering the old record, LEFT, kept them out for good. Null for anyone
     * else (a member already). Their name and mobile must be the register's (409 {@code member-details-differ}).
     */
    public Member rejoined(Member onFile, Member enrolling) {
        if (onFile == null || onFile.status() != Member.Status.LEFT) {
            return null;
        }
        List<String> differing = onFile.differingDetails(enrolling.name(), enrolling.mobile());
        if (!differing.isEmpty()) {
            throw new ConflictException("member-details-differ", onFile.id(), String.join(", ", differing));
        }
        Member.Change change = onFile.rejoin(new Member.Placement(enrolling.union(), enrolling.enterprise(), enrolling.district()),
                StoredTime.now(clock));
        return members.save(change, onFile.account());
    }

    /**
     * 会籍转接: the managers of the member's current union (or the levels above) hand the member over to
     * any active union; the history keeps where they were and why they moved.
     */
    public Member transfer(String memberId, String toUnion, String enterprise, String reason, Actor actor) {
        Member member = visible(memberId, actor);
        requireChanges(actor, member);
        Organisation target = activeUnion(toUnion, "union");
        String employer = enterprise == null || enterprise.isBlank() ? null : enterprise.strip().toUpperCase(java.util.Locale.ROOT);
        if (employer != null && !ChineseIdentifiers.isValidUscc(employer)) {
            throw new RuleViolationException("invalid-enrolment", List.of(new FieldViolation("enterprise", "uscc")));
        }
        if (employer == null && !member.union().equals("GH-" + member.enterprise())) {
            employer = member.enterprise(); // between joint unions, the employer stays unless the form names another
        }
        // Out of an enterprise's own union, the member left that employer: keeping it as theirs let its union go on
        // reading the member's file and entering them in contests and for hardship aid (exploratory test, 2026-12-04).
        Member.Change change = member.transferTo(placement(target, employer), reason(reason, "会籍转接"), StoredTime.now(clock));
        return members.save(change, member.account());
    }

    public Member leave(String memberId, String reason, Actor actor) {
        Member member = visible(memberId, actor);
        requireChanges(actor, member);
        Member.Change change = member.leave(reason(reason, "退会"), StoredTime.now(clock));
        return change.events().isEmpty() ? member : members.save(change, member.account());
    }

    /**
     * A worker links their account to their membership: their identity number and name as on file, and the mobile their
     * sign-in verified must be the member's mobile on file. Number and name alone are no proof — they are on many forms,
     * and with them anyone took over a member's card, pay key and wallet (exploratory test, 2026-12-05). Anything that
     * does not match, the phone included, answers the same 404 as an unknown number, so nobody can probe who is a
     * member; a member with no mobile on file asks their union to add it.
     *
     * @param verifiedPhone the caller's phone as their sign-in verified it; empty refuses at once
     */
    public Member link(String idNumber, String name, java.util.Optional<String> verifiedPhone, Actor worker) {
        String phone = verifiedPhone.map(cn.unionhub.platform.identity.ChineseIdentifiers::normalMobile).orElse(null);
        if (phone == null) {
            // 409, not 403: the worker may link, their sign-in has yet to verify a phone (the access matrix keeps 403 for roles).
            throw new cn.unionhub.platform.domain.ConflictException("member-link-phone-unverified");
        }
        String id = idNumber == null ? "" : idNumber.strip().toUpperCase();
        Member member = members.byIdHash(idHash(id))
                .filter(m -> name != null && sameName(m.name(), name))
                .filter(m -> phone.equals(cn.unionhub.platform.identity.ChineseIdentifiers.normalMobile(m.mobile())))
                .orElseThrow(() -> new NotFoundException("member-link-not-matched", Masking.residentId(id)));
        Member.Change change = member.linkTo(worker.subject(), StoredTime.now(clock));
        return change.events().isEmpty() ? member : members.save(change, member.account());
    }

    /**
     * Names as typed on a phone: the middle dot of minority names in any of its forms (买买提·艾力, 买买提•艾力, 买买提.艾力), and
     * no spaces.
     */
    static boolean sameName(String onFile, String typed) {
        return nameKey(onFile).equals(nameKey(typed));
    }

    private static String nameKey(String name) {
        return name.strip().replaceAll("\\s+", "").replaceAll("[·•・．.‧∙⋅]", "·");
    }

    /**
     * 解除绑定: the member's union takes a wrong link off (a worker linked someone else's membership, or a phone changed
     * hands), so the right person can link. The account's card and wallet go with the membership, not with the login.
     */
    public Member unlink(String memberId, String reason, String newMobile, Actor actor) {
        Member member = visible(memberId, actor);
        requireChanges(actor, member);
        if (byEnterpriseSide(actor)) {
            throw new cn.unionhub.platform.domain.ForbiddenException("member-link-by-district-union", member.id());
        }
        if (reason == null || reason.isBlank()) {
            throw new RuleViolationException("invalid-unlinking", List.of(new FieldViolation("reason", "required")));
        }
        String why = reason(reason, null);
        // The phone that linked the wrong login is not the member's: it goes with the link (the new one given, or none until
        // the union adds it), or the same phone linked again at once (exploratory test, 2026-12-05).
        String mobile = null;
        if (newMobile != null && !newMobile.isBlank()) {
            mobile = cn.unionhub.platform.identity.ChineseIdentifiers.normalMobile(newMobile);
            if (mobile == null || mobile.equals(cn.unionhub.platform.identity.ChineseIdentifiers.normalMobile(member.mobile()))) {
                throw new RuleViolationException("invalid-unlinking", List.of(new FieldViolation("mobile", mobile == null ? "mobile"
                        : "mobile-unchanged")));
            }
        }
        Member.Change change = member.unlink(mobile, StoredTime.now(clock));
        if (change.events().isEmpty()) {
            return member;
        }
        log.info("Member {} unlinked from account {} by {}: {}", memberId, member.account(), actor.subject(), why);
        Member saved = members.save(change, member.account());
        events.publishEvent(new Unlinked(memberId, member.account()));
        return saved;
    }

    /** A login taken off a membership (in-process: the cards' pay keys go with it). */
    public record Unlinked(String memberId, String account) {
    }

    /** The reason given (stripped; at most {@link #MAX_REASON} characters: a 100,000-character one was kept twice), or the default. */
    private static String reason(String given, String otherwise) {
        if (given == null || given.isBlank()) {
            return otherwise;
        }
        if (given.strip().length() > MAX_REASON) {
            throw new RuleViolationException("invalid-member-change", List.of(new FieldViolation("reason", "too-long", MAX_REASON)));
        }
        return given.strip();
    }

    public Member mine(Actor worker) {
        return members.byAccount(worker.subject())
                .orElseThrow(() -> new NotFoundException("membership-not-found", worker.subject()));
    }

    /** A member as staff may see them: the member's union's managers and the levels above. */
    public Member visible(String memberId, Actor actor) {
        return members.find(memberId).filter(m -> maySee(actor, m))
                .orElseThrow(() -> new NotFoundException("member-not-found", memberId));
    }

    public List<Member> ofUnion(String unionId, int page, int size, Actor actor) {
        Organisation union = organisations.find(unionId).filter(o -> o.kind().isUnion())
                .filter(o -> actor.seesEverything() || actor.canSee(enterpriseOf(o), o.district()))
                .orElseThrow(() -> new NotFoundException("organisation-not-found", unionId));
        return members.ofUnion(union.id(), page, size);
    }

    /** The union a member may be enrolled into by this actor. */
    public Organisation manageableUnion(String unionId, Actor actor, String field) {
        Organisation union = activeUnion(unionId, field);
        requireManages(actor, union.id(), field);
        return union;
    }

    private Organisation activeUnion(String unionId, String field) {
        Organisation union = organisations.find(unionId == null ? "" : unionId)
                .filter(o -> o.kind() == OrganisationKind.GRASSROOTS_UNION || o.kind() == OrganisationKind.JOINT_UNION)
                .orElseThrow(() -> new RuleViolationException("invalid-enrolment",
                        List.of(new FieldViolation(field, "unknown-union", unionId))));
        if (!union.isActive()) {
            throw new RuleViolationException("invalid-enrolment", List.of(new FieldViolation(field, "union-closed", unionId)));
        }
        return union;
    }

    /**
     * Who changes a member they may see: the managers of the member's union (and the levels above). Others who read the
     * member — the city union's staff — are told so (403); it was a 400 "invalid enrolment" naming the member's id.
     */
    private void requireChanges(Actor actor, Member member) {
        if (!managesUnion(actor, member.union())) {
            throw new cn.unionhub.platform.domain.ForbiddenException("member-change-by-their-union", member.id());
        }
    }

    private void requireManages(Actor actor, String unionId, String field) {
        if (!managesUnion(actor, unionId)) {
            throw new RuleViolationException("invalid-enrolment", List.of(new FieldViolation(field, "outside-your-area")));
        }
    }

    private boolean managesUnion(Actor actor, String unionId) {
        if (actor.has(Role.ADMIN)) {
            return true;
        }
        Organisation union = organisations.find(unionId).orElse(null);
        if (union == null) {
            return false;
        }
        if (actor.has(Role.DISTRICT_UNION) && Objects.equals(actor.district(), union.district())) {
            return true;
        }
        return actor.has(Role.ENTERPRISE_UNION) && actor.enterprise() != null
                && union.id().equals("GH-" + actor.enterprise());
    }

    private static Member.Placement placement(Organisation union, String enterprise) {
        String employer = union.kind() == OrganisationKind.GRASSROOTS_UNION ? enterpriseOf(union) : enterprise;
        return new Member.Placement(union.id(), employer, union.district());
    }

    private static String enterpriseOf(Organisation union) {
        return union.id().startsWith("GH-") ? union.id().substring(3) : null;
    }
}
