package cn.unionhub.cases.proposals.api;

import cn.unionhub.cases.casework.domain.DistrictNames;
import cn.unionhub.cases.proposals.domain.Activity;
import cn.unionhub.cases.proposals.domain.PerformanceReport;
import cn.unionhub.cases.proposals.domain.Proposal;
import cn.unionhub.cases.proposals.store.Proposals;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 云履职: representatives submit proposals and record their activity; the district union's panel
 * reviews, assigns, supervises and reports back; anyone concerned reads a representative's
 * performance report. Representatives are workers or enterprise union chairs acting as member
 * representatives; the panel is district union staff.
 */
@RestController
@RequestMapping("/api/v1/proposals")
class ProposalController {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(BEIJING);
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    record Submission(String representativeName, String district, String title, String content) {
    }

    record Review(Proposal.Decision decision, String reason, String mergeInto) {
    }

    record Text(String text) {
    }

    record Evaluation(Proposal.Satisfaction satisfaction) {
    }

    record ActivityRequest(Activity.Kind kind, LocalDate day, String note) {
    }

    private final Proposals proposals;
    private final DistrictNames districts;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ProposalController(Proposals proposals, DistrictNames districts, Clock clock) {
        this.proposals = proposals;
        this.districts = districts;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<Proposal> submit(@RequestBody Submission s, Actor actor) {
        if (s.district() != null && s.district().matches("[0-9]{6}") && districts.nameOf(s.district()) == null) {
            // The district's panel reviews it: a district the register does not know has none, and the proposal would wait for ever.
            throw new RuleViolationException("invalid-proposal", List.of(new FieldViolation("district", "unknown-district", s.district())));
        }
        for (int attempt = 1; ; attempt++) {
            Proposal p = Proposal.submit(UUID.randomUUID().toString(), number(), by(actor), s.representativeName(),
                    s.district(), s.title(), s.content(), clock.instant());
            try {
                proposals.insert(p);
                return ResponseEntity.created(URI.create("/api/v1/proposals/" + p.number())).body(p);
            } catch (DuplicateKeyException sameNumber) {
                if (attempt == 5) {
                    throw sameNumber;
                }
            }
        }
    }

    /** The panel's list of their district's proposals, or a representative's own. */
    @GetMapping
    List<Proposal> list(Actor actor, @RequestParam(required = false) Proposal.Status status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        int p = Math.max(0, page);
        int s = Math.min(Math.max(1, size), 100);
        if (actor.has(Role.ADMIN)) {
            return proposals.page(null, null, status, p, s);
        }
        if (actor.has(Role.DISTRICT_UNION)) {
            return proposals.page(actor.district(), null, status, p, s);
        }
        return proposals.page(null, actor.subject(), status, p, s);
    }

    @GetMapping("/{number}")
    Proposal find(@PathVariable String number, Actor actor) {
        return visible(number, actor);
    }

    @PostMapping("/{number}/review")
    Proposal review(@PathVariable String number, @RequestBody Review r, Actor actor) {
        Proposal reviewed = panelOf(number, actor);
        if (r.decision() == Proposal.Decision.MERGE && r.mergeInto() != null && !r.mergeInto().isBlank() && !r.mergeInto().equals(number)) {
            // Merged into an open proposal of the same district only: merging into a number that does not exist closed a
            // proposal for good, and into another district's told the panel it existed.
            boolean open = proposals.byNumber(r.mergeInto()).filter(into -> into.district().equals(reviewed.district()))
                    .filter(into -> into.status() != Proposal.Status.MERGED && into.status() != Proposal.Status.REJECTED).isPresent();
            if (!open) {
                throw new RuleViolationException("invalid-proposal", List.of(new FieldViolation("mergeInto", "no-open-proposal-to-merge-into",
                        r.mergeInto())));
            }
        }
        return change(number, p -> p.review(by(actor), r.decision(), r.reason(), r.mergeInto(), clock.instant()));
    }

    @PostMapping("/{number}/assignment")
    Proposal assign(@PathVariable String number, @RequestBody Text t, Actor actor) {
        return panel(number, actor, p -> p.assign(by(actor), t.text(), clock.instant()));
    }

    @PostMapping("/{number}/progress")
    Proposal progress(@PathVariable String number, @RequestBody Text t, Actor actor) {
        return panel(number, actor, p -> p.progress(by(actor), t.text(), clock.instant()));
    }

    @PostMapping("/{number}/supervision")
    Proposal supervise(@PathVariable String number, @RequestBody Text t, Actor actor) {
        return panel(number, actor, p -> p.supervise(by(actor), t.text(), clock.instant()));
    }

    @PostMapping("/{number}/completion")
    Proposal complete(@PathVariable String number, @RequestBody Text t, Actor actor) {
        return panel(number, actor, p -> p.complete(by(actor), t.text(), clock.instant()));
    }

    /** The representative rates the summary feedback of their own proposal. */
    @PostMapping("/{number}/evaluation")
    Proposal evaluate(@PathVariable String number, @RequestBody Evaluation e, Actor actor) {
        visible(number, actor);
        return change(number, p -> p.evaluate(by(actor), e.satisfaction(), clock.instant()));
    }

    /** A representative records a visit, a deliberation meeting or a referral. */
    @PostMapping("/activities")
    ResponseEntity<Activity> activity(@RequestBody ActivityRequest a, Actor actor) {
        List<FieldViolation> wrong = new java.util.ArrayList<>();
        if (a.kind() == null) {
            wrong.add(new FieldViolation("kind", "required"));
        }
        LocalDate today = LocalDate.now(clock.withZone(BEIJING));
        if (a.day() == null || a.day().isAfter(today)) {
            wrong.add(new FieldViolation("day", a.day() == null ? "required" : "not-in-future"));
        }
        if (a.note() == null || a.note().isBlank() || a.note().length() > Proposal.MAX_TEXT) {
            wrong.add(new FieldViolation("note", a.note() == null || a.note().isBlank() ? "required" : "too-long", Proposal.MAX_TEXT));
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-proposal", wrong);
        }
        Activity recorded = new Activity(UUID.randomUUID().toString(), actor.subject(), a.kind(), a.day(), a.note().strip());
        proposals.record(recorded);
        return ResponseEntity.status(201).body(recorded);
    }

    /**
     * A representative's performance report for a period (default: this year so far): their own,
     * or any representative's for district staff and administrators.
     */
    @GetMapping("/representatives/{representative}/report")
    PerformanceReport report(@PathVariable String representative, Actor actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        if (!representative.equals(actor.subject()) && !actor.has(Role.DISTRICT_UNION) && !actor.has(Role.ADMIN)) {
            throw new NotFoundException("proposal-not-found", representative);
        }
        LocalDate end = to == null ? LocalDate.now(clock.withZone(BEIJING)) : to;
        LocalDate start = from == null ? end.withDayOfYear(1) : from;
        List<Proposal> own = proposals.ofRepresentative(representative, start.atStartOfDay(BEIJING).toInstant(),
                end.plusDays(1).atStartOfDay(BEIJING).toInstant());
        if (actor.has(Role.DISTRICT_UNION) && !actor.has(Role.ADMIN) && !representative.equals(actor.subject())) {
            own = own.stream().filter(p -> p.district().equals(actor.district())).toList();
        }
        return PerformanceReport.of(representative, start, end, own, proposals.activities(representative, start, end));
    }

    private Proposal panel(String number, Actor actor, UnaryOperator<Proposal> step) {
        panelOf(number, actor);
        return change(number, step);
    }

    /** The proposal, for its district's panel (and administrators); 404 for anyone else. */
    private Proposal panelOf(String number, Actor actor) {
        Proposal p = visible(number, actor);
        if (!actor.has(Role.ADMIN) && !(actor.has(Role.DISTRICT_UNION) && p.district().equals(actor.district()))) {
            throw new NotFoundException("proposal-not-found", number);
        }
        return p;
    }

    private Proposal change(String number, UnaryOperator<Proposal> step) {
        return proposals.change(number, step).orElseThrow(() -> new NotFoundException("proposal-not-found", number));
    }

    /** Its representative, its district's union and administrators see a proposal; others get 404. */
    private Proposal visible(String number, Actor actor) {
        return proposals.byNumber(number)
                .filter(p -> p.representative().equals(actor.subject()) || actor.has(Role.ADMIN)
                        || (actor.has(Role.DISTRICT_UNION) && p.district().equals(actor.district())))
                .orElseThrow(() -> new NotFoundException("proposal-not-found", number));
    }

    private static Proposal.By by(Actor actor) {
        return new Proposal.By(actor.subject(), actor.has(Role.DISTRICT_UNION) ? Role.DISTRICT_UNION.name()
                : actor.has(Role.ADMIN) ? Role.ADMIN.name() : actor.has(Role.ENTERPRISE_UNION) ? Role.ENTERPRISE_UNION.name()
                : Role.WORKER.name());
    }

    private String number() {
        StringBuilder n = new StringBuilder("TA-").append(DAY.format(clock.instant())).append('-');
        for (int i = 0; i < 6; i++) {
            n.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return n.toString();
    }
}
