package cn.unionhub.membercard.member;

import cn.unionhub.membercard.member.domain.EnrolmentForm;
import cn.unionhub.membercard.member.domain.Member;
import cn.unionhub.membercard.member.store.Members;
import cn.unionhub.membercard.registry.domain.Organisation;
import cn.unionhub.membercard.registry.imports.ImportJob;
import cn.unionhub.membercard.registry.imports.Imports;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.security.Actor;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Enrolment drives: a list answered row by row, or a file run as an import job. */
@Component
public class MemberEnrolments {

    /** Rows a list may carry; longer lists go as a file. */
    public static final int MAX_LIST = 1_000;

    private final MemberService service;
    private final Members members;
    private final Imports imports;

    MemberEnrolments(MemberService service, Members members, Imports imports) {
        this.service = service;
        this.members = members;
        this.imports = imports;
    }

    /**
     * One row's outcome: ENROLLED, REJOINED (one who had left, back: 重新入会), ALREADY_MEMBER (with the member on file) or
     * REJECTED with each bad field.
     *
     * @param row 1-based position in the list
     */
    public record RowResult(int row, String result, String memberId, List<FieldViolation> errors) {
    }

    public List<RowResult> enrolList(String unionId, List<EnrolmentForm> rows, Actor actor) {
        Organisation union = service.manageableUnion(unionId, actor, "union");
        if (rows.isEmpty() || rows.size() > MAX_LIST) {
            throw new RuleViolationException("invalid-enrolment", List.of(new FieldViolation("rows", "out-of-range", 1, MAX_LIST)));
        }
        List<RowResult> results = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            EnrolmentForm.Checked checked = rows.get(i) == null ? new EnrolmentForm(null, null, null, null, null, null).check()
                    : rows.get(i).check(service.mayNameAccounts(actor));
            if (!checked.ok()) {
                results.add(new RowResult(i + 1, "REJECTED", null, checked.violations()));
                continue;
            }
            try {
                Member.Change enrolment = service.enrolment(union, checked);
                Members.Enrolled enrolled = members.enrol(enrolment);
                Member back = enrolled.created() ? null : service.rejoined(enrolled.member(), enrolment.member());
                if (back != null) {
                    results.add(new RowResult(i + 1, "REJOINED", back.id(), List.of()));
                    continue;
                }
                // A member of a union outside the caller's: already a member, but not which one.
                boolean known = enrolled.created() || service.maySee(actor, enrolled.member());
                // Already on file with other details: the row says which, so the officer corrects them on purpose.
                List<FieldViolation> differing = enrolled.created() || !known ? List.of()
                        : enrolled.member().differingDetails(checked.name(), checked.mobile()).stream()
                                .map(field -> new FieldViolation(field, "differs-from-register")).toList();
                results.add(new RowResult(i + 1, enrolled.created() ? "ENROLLED" : "ALREADY_MEMBER",
                        known ? enrolled.member().id() : null, differing));
            } catch (ConflictException refused) {
                String field = "member-details-differ".equals(refused.code()) ? "name" : "account";
                results.add(new RowResult(i + 1, "REJECTED", null, List.of(new FieldViolation(field, refused.code()))));
            }
        }
        return results;
    }

    public ImportJob enrolFile(String unionId, InputStream file, Actor actor) {
        Organisation union = service.manageableUnion(unionId, actor, "union");
        return imports.start("MEMBERS", union.id(), actor.subject(), actor.seesEverything() ? null : actor.district(), file,
                new MemberImporter(service, members, union, member -> service.maySee(actor, member), service.mayNameAccounts(actor)));
    }
}
