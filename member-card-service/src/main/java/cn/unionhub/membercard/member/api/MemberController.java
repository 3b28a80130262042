package cn.unionhub.membercard.member.api;

import cn.unionhub.membercard.member.MemberEnrolments;
import cn.unionhub.membercard.member.MemberService;
import cn.unionhub.membercard.member.domain.EnrolmentForm;
import cn.unionhub.membercard.member.store.Members;
import cn.unionhub.membercard.registry.imports.ImportJob;
import cn.unionhub.platform.problem.Problems;
import cn.unionhub.platform.store.Filters;
import cn.unionhub.security.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Members (会员): enrolment one by one, as a list (each row's result at once) or as a file (a job,
 * like the register imports); transfer; leaving; and the worker's own membership and account link.
 */
@RestController
@RequestMapping("/api/v1/members")
class MemberController {

    private final MemberService members;
    private final MemberEnrolments enrolments;
    private final Problems problems;
    private final cn.unionhub.platform.security.Actors actors;

    MemberController(MemberService members, MemberEnrolments enrolments, Problems problems, cn.unionhub.platform.security.Actors actors) {
        this.actors = actors;
        this.members = members;
        this.enrolments = enrolments;
        this.problems = problems;
    }

    /** A list row's result; each refusal with its reason in the reader's language, as a file's error report gives it. */
    record RowView(int row, String result, String memberId, List<Problems.FieldError> errors) {
    }

    record Enrolment(String union, String name, String idNumber, String mobile, String workerGroup, String enterprise,
            String account) {

        EnrolmentForm form() {
            return new EnrolmentForm(name, idNumber, mobile, workerGroup, enterprise, account);
        }
    }

    /** One worker: 201 when enrolled now, 200 with the member on file when their identity number is known. */
    @PostMapping
    ResponseEntity<MemberView> enrol(@RequestBody Enrolment enrolment, Actor actor) {
        Members.Enrolled enrolled = members.enrol(enrolment.union(), enrolment.form(), actor);
        MemberView view = MemberView.forStaff(enrolled.member());
        return enrolled.created()
                ? ResponseEntity.created(URI.create("/api/v1/members/" + view.memberId())).body(view)
                : ResponseEntity.ok(view);
    }

    /** A list of workers into one union (集中入会): every row's result, in order. */
    @PostMapping(path = "/enrolments", consumes = "application/json")
    List<RowView> enrolList(@RequestParam String union, @RequestBody List<EnrolmentForm> rows, Actor actor) {
        return enrolments.enrolList(union, rows, actor).stream().map(r -> new RowView(r.row(), r.result(), r.memberId(),
                problems.fieldErrors(r.errors()))).toList();
    }

    /** A file of workers into one union: a job, followed at {@code /api/v1/registry/imports/{id}}. */
    @PostMapping(path = "/enrolments", consumes = {"text/csv", "application/octet-stream", "text/plain"})
    ResponseEntity<ImportJob> enrolFile(@RequestParam String union, HttpServletRequest request, Actor actor)
            throws IOException {
        ImportJob job = enrolments.enrolFile(union, request.getInputStream(), actor);
        return ResponseEntity.accepted().location(URI.create("/api/v1/registry/imports/" + job.id())).body(job);
    }

    @GetMapping("/me")
    MemberView mine(Actor worker) {
        return MemberView.forSelf(members.mine(worker));
    }

    record Link(String idNumber, String name) {
    }

    /**
     * The worker proves who they are — identity number and name as on file, and the mobile their sign-in verified, which
     * must be the member's mobile on file — and links their account.
     */
    @PostMapping("/me/link")
    MemberView link(@RequestBody Link link, Actor worker) {
        return MemberView.forSelf(members.link(link.idNumber(), link.name(), actors.verifiedPhone(), worker));
    }

    /** @param mobile the member's own mobile, when the union has it (the one on file goes with the wrong login) */
    record Unlinking(String reason, String mobile) {
    }

    /** 解除绑定: the member's union takes a wrong login off the membership, with the reason; the cards' pay keys go with it. */
    @PostMapping("/{memberId}/unlinking")
    MemberView unlink(@PathVariable String memberId, @RequestBody(required = false) Unlinking body, Actor actor) {
        return MemberView.forStaff(members.unlink(memberId, body == null ? null : body.reason(), body == null ? null : body.mobile(),
                actor));
    }

    @GetMapping("/{memberId}")
    MemberView member(@PathVariable String memberId, Actor actor) {
        return MemberView.forStaff(members.visible(memberId, actor));
    }

    /** @param enterprise the employer at the new union, for a joint union (optional: the USCC) */
    record Transfer(String union, String enterprise, String reason) {
    }

    /** 信息更正: a name, mobile or worker group corrected by the member's union; the identity number never changes. */
    @org.springframework.web.bind.annotation.PatchMapping("/{memberId}")
    MemberView correct(@PathVariable String memberId, @RequestBody EnrolmentForm.Correction correction, Actor actor) {
        return MemberView.forStaff(members.correct(memberId, correction, actor));
    }

    @PostMapping("/{memberId}/transfer")
    MemberView transfer(@PathVariable String memberId, @RequestBody Transfer transfer, Actor actor) {
        return MemberView.forStaff(members.transfer(memberId, transfer.union(), transfer.enterprise(), transfer.reason(), actor));
    }

    record Leaving(String reason) {
    }

    @PostMapping("/{memberId}/leaving")
    MemberView leave(@PathVariable String memberId, @RequestBody(required = false) Leaving leaving, Actor actor) {
        return MemberView.forStaff(members.leave(memberId, leaving == null ? null : leaving.reason(), actor));
    }

    @GetMapping("/unions/{union}")
    List<MemberView> ofUnion(@PathVariable String union, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size, Actor actor) {
        Filters.checkPage(page, size, 200); // it clamped: page -1 answered page 0, as the register's lists do not
        return members.ofUnion(union, page, size, actor).stream()
                .map(MemberView::forStaff).toList();
    }
}
