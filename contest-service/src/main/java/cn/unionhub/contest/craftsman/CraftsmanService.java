package cn.unionhub.contest.craftsman;

import cn.unionhub.contest.contest.domain.ContestAccess;
import cn.unionhub.contest.craftsman.domain.CraftsmanBatch;
import cn.unionhub.contest.craftsman.domain.Expert;
import cn.unionhub.contest.craftsman.domain.Nomination;
import cn.unionhub.contest.craftsman.domain.NominationChannel;
import cn.unionhub.contest.craftsman.domain.Stage;
import cn.unionhub.contest.craftsman.store.CraftsmanStore;
import cn.unionhub.contest.notice.domain.Notice;
import cn.unionhub.contest.notice.domain.Objection;
import cn.unionhub.contest.notice.domain.Verdict;
import cn.unionhub.contest.notice.store.ObjectionFiling;
import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.platform.identity.ChineseIdentifiers;
import cn.unionhub.contest.registry.Entrants;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * Craftsman selection (工匠选树) through its stages: the office of the batch's tier plans it and names
 * its expert panel; units nominate their employees, associations (through the office) their members,
 * workers themselves; the nominee (or whoever nominated them) self-evaluates; the office passes the
 * central review or rejects with a reason; the experts score (never a nominee of their own employer);
 * the office puts the best on public notice, answers objections, and confers the title once the
 * notice has closed.
 */
@Service
public class CraftsmanService {

    /** What nominating needs: the nominee's identity number is hashed at once and never kept. */
    public record Entry(String idNumber, String name, String enterprise, String enterpriseName, String occupation,
            NominationChannel channel, String nominatedBy, String achievements) {
    }

    /** What a conferral did: the titles conferred, and who stayed out and why. */
    public record Conferral(List<Nomination> conferred, List<Held> held) {
    }

    public record Held(String nominationId, String code) {
    }

    private final CraftsmanStore store;
    private final Entrants entrants;
    private final BusinessCalendar calendar;
    private final Clock clock;

    private final ObjectionFiling filing;

    CraftsmanService(CraftsmanStore store, Entrants entrants, BusinessCalendar calendar, Clock clock, ObjectionFiling filing) {
        this.filing = filing;
        this.store = store;
        this.entrants = entrants;
        this.calendar = calendar;
        this.clock = clock;
    }

    public CraftsmanBatch plan(CraftsmanBatch.Plan plan, Actor actor) {
        // The plan and the caller are checked before a number is taken, as a contest's are: a refused plan left a gap.
        CraftsmanBatch checked = CraftsmanBatch.plan("pending", plan, clock.instant());
        if (!ContestAccess.mayRun(actor, checked.tier(), checked.region(), checked.organiser())) {
            throw new ForbiddenException("contest-not-yours");
        }
        CraftsmanBatch batch = CraftsmanBatch.plan(store.nextBatchId(plan.year()), plan, clock.instant());
        store.insert(batch);
        return batch;
    }

    public CraftsmanBatch batch(String batchId) {
        return store.batch(batchId).orElseThrow(() -> new NotFoundException("craftsman-batch-not-found", batchId));
    }

    /** 截止申报: the batch's office closes nominations now (the notice waits for them to close). */
    public CraftsmanBatch closeNominations(String batchId, Actor actor) {
        office(batchId, actor);
        Instant now = clock.instant();
        return changeBatch(batchId, b -> new CraftsmanBatch.Changed(b.nominationsClosedAt(now), List.of(), List.of()));
    }

    /** An expert of the panel is a person's account (its subject), with their employer for the conflict-of-interest rule. */
    public CraftsmanBatch addExpert(String batchId, Expert expert, Actor actor) {
        office(batchId, actor);
        if (expert.id() != null && store.ofBatch(batchId).stream()
                .anyMatch(k -> expert.id().equals(k.account()) && k.nomination().stage() != Stage.REJECTED)) {
            // A nominee on the panel scores their rivals (and was let score themselves, exploratory test, 2026-12-05).
            throw new ConflictException("expert-is-nominee", expert.id(), batchId);
        }
        return changeBatch(batchId, b -> new CraftsmanBatch.Changed(b.withExpert(expert), List.of(), List.of()));
    }

    /**
     * 专家回避: the office takes an expert off the panel before the notice (a conflict found late, illness), with the reason;
     * their scores are dropped from every nomination still under review or awaiting the notice (one completed with too few
     * scores goes back under review). Asked again — after a stop between the two steps — it finishes the nominations.
     */
    public CraftsmanBatch withdrawExpert(String batchId, String expertId, String reason, Actor actor) {
        office(batchId, actor);
        Instant now = clock.instant();
        CraftsmanBatch after = changeBatch(batchId, b -> new CraftsmanBatch.Changed(b.withoutExpert(expertId, reason, actor.subject(), now),
                List.of(), List.of()));
        for (CraftsmanStore.Kept kept : store.ofBatch(batchId)) {
            if (kept.nomination().scoredBy(expertId)) {
                change(kept.nomination().id(), n -> new Nomination.Changed(n.withoutScoresOf(expertId, after), List.of()));
            }
        }
        return after;
    }

    /**
     * Nominates through the caller's channel: an enterprise union its own employee (单位推荐), a worker
     * themselves (个人自荐), the batch's office for an association (社团推荐, the association named).
     * Checked against the register as contest entries are ({@link Entrants}).
     */
    public CraftsmanStore.Kept nominate(String batchId, Entry entry, Actor actor) {
        CraftsmanBatch batch = batch(batchId);
        Entrants.Acting acting = Entrants.Acting.of(actor);
        if (acting == Entrants.Acting.OFFICE && !ContestAccess.mayRun(actor, batch.tier(), batch.region(), batch.organiser())) {
            throw new ForbiddenException("contest-not-yours");
        }
        if (entry.idNumber() == null || !ChineseIdentifiers.isValidResidentId(entry.idNumber())) {
            throw new RuleViolationException("invalid-nomination", List.of(new FieldViolation("nominee.idNumber", "invalid-resident-id")));
        }
        String idHash = entrants.idHash(entry.idNumber());
        String account = entrants.accountOf(idHash, actor, null,
                new Entrants.Employer(entry.enterprise(), "invalid-nomination", "nominee.enterprise"), batch.region());
        if (account != null && batch.experts().stream().anyMatch(e -> e.id().equals(account))) {
            throw new ConflictException("nominee-is-expert", batch.id());
        }
        NominationChannel channel = switch (acting) {
            case SELF -> NominationChannel.SELF;
            case ENTERPRISE_UNION -> NominationChannel.UNIT;
            case OFFICE -> NominationChannel.ASSOCIATION;
        };
        String nominatedBy = switch (acting) {
            case SELF -> null;
            case ENTERPRISE_UNION -> actor.enterprise();
            case OFFICE -> entry.nominatedBy();
        };
        Optional<CraftsmanStore.Kept> held = store.holding(batchId, idHash);
        Nomination.Form form = new Nomination.Form(new Nomination.Nominee(idHash, entry.name(), entry.enterprise(),
                entry.enterpriseName(), entry.occupation()), channel, nominatedBy, entry.achievements());
        List<Nomination> earlier = held.map(k -> List.of(k.nomination())).orElse(List.of());
        Instant now = clock.instant();
        // Checked before a number is taken, as a contest's plan is: a refused nomination leaves no gap (N00002 was lost).
        Nomination.nominate("pending", batch, form, earlier, now);
        Nomination.Changed nominated = Nomination.nominate(store.nextNominationId(batchId), batch, form, earlier, now);
        store.insert(nominated, account, held);
        return new CraftsmanStore.Kept(nominated.nomination(), account);
    }

    /** A nomination for the batch's office, the nominee (self-nominated) and the unit that nominated them. */
    public CraftsmanStore.Kept nomination(String nominationId, Actor actor) {
        CraftsmanStore.Kept kept = kept(nominationId);
        CraftsmanBatch batch = batch(kept.nomination().facts().batchId());
        if (!mayRun(actor, batch) && !actor.has(Role.GOV_SYSTEM) && !ownOrNominator(actor, kept) && !scores(actor, batch, kept)) {
            throw new NotFoundException("nomination-not-found", nominationId);
        }
        return kept;
    }

    /**
     * Whether the caller is an expert of the batch who scores this nomination: it passed the central review, and it is not
     * their own nor their employer's. They read its deeds and self-evaluation before they score (they saw them only in
     * the answer to their score, exploratory test, 2026-12-05).
     */
    private static boolean scores(Actor actor, CraftsmanBatch batch, CraftsmanStore.Kept kept) {
        Nomination n = kept.nomination();
        return batch.experts().stream().anyMatch(e -> e.id().equals(actor.subject()))
                && (n instanceof Nomination.Reviewed || n instanceof Nomination.ExpertReviewed || n instanceof Nomination.Noticed
                        || n instanceof Nomination.Conferred)
                && !actor.subject().equals(kept.account()) && !ownEnterprise(actor, batch, n);
    }

    /** Whether the nominee works where the expert does, by the expert's sign-in or by what the panel recorded of them. */
    private static boolean ownEnterprise(Actor actor, CraftsmanBatch batch, Nomination n) {
        String nomineeEmployer = n.facts().nominee().enterprise();
        String recorded = batch.experts().stream().filter(e -> e.id().equals(actor.subject())).map(Expert::enterprise)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        return nomineeEmployer != null && (nomineeEmployer.equals(actor.enterprise()) || nomineeEmployer.equals(recorded));
    }

    /** A nomination on a batch's public notice: what the notice shows of it is public. */
    public Nomination listed(String nominationId) {
        return kept(nominationId).nomination();
    }

    /** The batch's nominations: all of them for its office; for one of its experts, those they score. */
    public List<CraftsmanStore.Kept> ofBatch(String batchId, Actor actor) {
        CraftsmanBatch batch = batch(batchId);
        if (mayRun(actor, batch)) {
            return store.ofBatch(batchId);
        }
        if (batch.experts().stream().noneMatch(e -> e.id().equals(actor.subject()))) {
            throw new ForbiddenException("contest-not-yours");
        }
        return store.ofBatch(batchId).stream().filter(k -> scores(actor, batch, k)).toList();
    }

    /** 自评申报: by the nominee (self-nominated) or the unit or office that nominated them. */
    public CraftsmanStore.Kept selfEvaluate(String nominationId, String text, Actor actor) {
        CraftsmanStore.Kept kept = kept(nominationId);
        CraftsmanBatch batch = batch(kept.nomination().facts().batchId());
        if (!ownOrNominator(actor, kept) && !mayRun(actor, batch)) {
            throw new NotFoundException("nomination-not-found", nominationId);
        }
        return change(nominationId, n -> n.selfEvaluate(text, clock.instant()));
    }

    /** 集中审核: the office passes a nomination to the experts, or rejects it with a reason. */
    public CraftsmanStore.Kept review(String nominationId, boolean passed, String text, Actor actor) {
        CraftsmanBatch batch = officeOf(nominationId, actor);
        Instant now = clock.instant();
        return change(nominationId, n -> passed ? n.passReview(actor.subject(), text, now) : n.reject(text, actor.subject(), now));
    }

    /**
     * An expert's score (hundredths of a point out of 100). When the batch's required number of experts
     * have scored, the expert review is complete and the nomination can be selected for the notice.
     */
    public CraftsmanStore.Kept score(String nominationId, long hundredths, Actor actor) {
        CraftsmanStore.Kept kept = kept(nominationId);
        CraftsmanBatch batch = batch(kept.nomination().facts().batchId());
        batch.expert(actor.subject()); // anyone else is told only that they are no expert of the batch
        if (actor.subject().equals(kept.account())) {
            throw new ForbiddenException("expert-is-nominee", actor.subject(), nominationId);
        }
        if (ownEnterprise(actor, batch, kept.nomination())) {
            // By the sign-in too, not only by the employer the office typed for the expert (left out, an expert of 镇海石化
            // scored 镇海石化's nominee to the top of the notice, exploratory test, 2026-12-05).
            throw new ForbiddenException("expert-own-enterprise", actor.subject(), nominationId);
        }
        Instant now = clock.instant();
        return change(nominationId, n -> {
            Nomination.Changed scored = n.scoreByExpert(batch, actor.subject(), hundredths, now);
            if (scored.nomination() instanceof Nomination.Reviewed r && r.expertScores().size() >= batch.expertsRequired()) {
                return r.completeExpertReview(batch, now);
            }
            return scored;
        });
    }

    /**
     * Puts the selected nominations on public notice (公示) for the batch's working days, by the statutory
     * calendar: those named, or else the expert-reviewed ones by mean score, up to the batch's quota.
     * Asking again after a cut-off completes the nominations' side (idempotent).
     */
    public CraftsmanBatch notice(String batchId, List<String> selectedIds, Actor actor) {
        CraftsmanBatch batch = office(batchId, actor);
        Instant now = clock.instant();
        if (now.isBefore(batch.nominationsCloseAt())) {
            // Nominations made after the notice opened could never be on it (exploratory test, 2026-12-05).
            throw new ConflictException("nominations-still-open", batch.title(), batch.nominationsCloseAt());
        }
        // An objection upheld on the notice standing spoils it: asking again opens the next round (a retry of that finds
        // the new notice, where only unanswered objections were carried over, and answers it).
        boolean renewing = batch.notice() != null && batch.notice().objections().stream().anyMatch(Objection::isUpheld);
        if (batch.notice() != null && !renewing) {
            if (selectedIds != null && !selectedIds.isEmpty() && !new java.util.HashSet<>(selectedIds).equals(new java.util.HashSet<>(batch.onNotice()))) {
                // Another list while the notice stands: it was answered 200 with the old notice, the selection ignored.
                throw new ConflictException("notice-exists", batchId, batch.notice().id());
            }
            markNoticed(batch);
            return batch;
        }
        List<Nomination.ExpertReviewed> reviewed = store.ofBatch(batchId).stream().map(CraftsmanStore.Kept::nomination)
                .filter(Nomination.ExpertReviewed.class::isInstance).map(Nomination.ExpertReviewed.class::cast)
                .sorted(Nomination.ExpertReviewed.BY_SCORE).toList();
        if (renewing) {
            // An upheld objection took a nominee off (or the list as a whole must be shown again): a new notice of those
            // still on it and of the best reviewed in a rejected one's place, for a full new period.
            List<Nomination.Noticed> stay = batch.onNotice().stream().map(id -> kept(id).nomination())
                    .filter(Nomination.Noticed.class::isInstance).map(Nomination.Noticed.class::cast).toList();
            List<Nomination.ExpertReviewed> added = chosen(selectedIds, reviewed,
                    batch.quota() == null ? reviewed.size() : Math.max(0, batch.quota() - stay.size()));
            CraftsmanBatch renewed = changeBatch(batchId, b -> b.renotice(batchId + "-G" + (b.notice().round() + 1), stay, added, calendar, now));
            markNoticed(renewed);
            return renewed;
        }
        List<Nomination.ExpertReviewed> selected = chosen(selectedIds, reviewed, batch.quota() == null ? reviewed.size() : batch.quota());
        CraftsmanBatch noticed = changeBatch(batchId, b -> b.openNotice(batchId + "-G1", selected, calendar, now));
        markNoticed(noticed);
        return noticed;
    }

    /** Those named (each must be expert-reviewed), or else the best reviewed by mean score, up to {@code room}. */
    private static List<Nomination.ExpertReviewed> chosen(List<String> selectedIds, List<Nomination.ExpertReviewed> reviewed, int room) {
        List<Nomination.ExpertReviewed> selected;
        if (selectedIds == null || selectedIds.isEmpty()) {
            selected = reviewed.subList(0, Math.min(room, reviewed.size()));
        } else {
            selected = new ArrayList<>();
            for (String id : selectedIds) {
                selected.add(reviewed.stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow(() -> new RuleViolationException(
                        "invalid-notice", List.of(new FieldViolation("selected", "not-expert-reviewed", id)))));
            }
        }
        return selected;
    }

    /** An objection to the batch's notice by a named person, filed once per {@code Idempotency-Key} ({@link ObjectionFiling}). */
    public Objection object(String batchId, Notice.ObjectionForm form, Actor actor, String idempotencyKey) {
        Notice.ObjectionForm signed = form.signedBy(actor.subject());
        batch(batchId).object("pending", signed, clock.instant()); // checked before a number is taken
        return filing.file(actor.subject() + "@" + batchId, idempotencyKey, signed, () -> store.nextObjectionId(batchId),
                () -> batch(batchId).notice(), id -> changeBatch(batchId, b -> b.object(id, signed, clock.instant())).notice());
    }

    /** The objections to the batch's notice as its office reads them before answering; none before the notice. */
    public List<Objection> objections(String batchId, Actor actor) {
        return office(batchId, actor).allObjections();
    }

    /** The office answers an objection; one upheld against a nominee rejects that nominee, citing it. */
    public CraftsmanBatch answer(String batchId, String objectionId, Verdict verdict, String reason, Actor actor) {
        office(batchId, actor);
        Instant now = clock.instant();
        CraftsmanBatch answered = changeBatch(batchId, b -> b.answer(objectionId, verdict, reason, actor.subject(), now));
        Objection objection = answered.notice().objection(objectionId);
        if (objection.isUpheld() && objection.concerns() != null) {
            change(objection.concerns(), n -> n.stage() == Stage.REJECTED
                    ? new Nomination.Changed(n, List.of()) : n.reject("异议 " + objectionId + " 成立：" + reason, actor.subject(), now));
        }
        return answered;
    }

    /**
     * Confers the title on every nomination on the closed notice with nothing held against it; the
     * others are listed with why (an upheld or unanswered objection). Conferring again changes nothing.
     */
    public Conferral confer(String batchId, Actor actor) {
        CraftsmanBatch batch = office(batchId, actor);
        if (batch.notice() == null) {
            throw new ConflictException("notice-not-open", batchId);
        }
        Instant now = clock.instant();
        if (!batch.notice().hasClosed(now)) {
            throw new ConflictException("notice-still-open", batch.notice().id(), batch.notice().closesAt());
        }
        List<Nomination> conferred = new ArrayList<>();
        List<Held> held = new ArrayList<>();
        for (String id : batch.onNotice()) {
            Nomination n = kept(id).nomination();
            if (n instanceof Nomination.Conferred) {
                conferred.add(n);
                continue;
            }
            if (!(n instanceof Nomination.Noticed)) {
                held.add(new Held(id, n.stage().name()));
                continue;
            }
            try {
                conferred.add(change(id, x -> x.confer(batch, now)).nomination());
            } catch (ConflictException refused) {
                held.add(new Held(id, refused.code()));
            }
        }
        return new Conferral(conferred, held);
    }

    /**
     * Moves the nominations the notice lists onto it; only those still expert-reviewed are written (after a
     * cut-off, asking again finishes what the first request left).
     */
    private void markNoticed(CraftsmanBatch batch) {
        for (String id : batch.onNotice()) {
            if (kept(id).nomination() instanceof Nomination.ExpertReviewed) {
                change(id, n -> new Nomination.Changed(n instanceof Nomination.ExpertReviewed reviewed
                        ? reviewed.noticed(batch.notice().opensAt()) : n, List.of()));
            }
        }
    }

    private boolean ownOrNominator(Actor actor, CraftsmanStore.Kept kept) {
        Nomination.Facts facts = kept.nomination().facts();
        return actor.has(Role.WORKER) && actor.subject().equals(kept.account())
                || actor.has(Role.ENTERPRISE_UNION) && facts.channel() == NominationChannel.UNIT
                && actor.enterprise() != null && actor.enterprise().equals(facts.nominatedBy());
    }

    private CraftsmanBatch officeOf(String nominationId, Actor actor) {
        return office(kept(nominationId).nomination().facts().batchId(), actor);
    }

    private CraftsmanBatch office(String batchId, Actor actor) {
        CraftsmanBatch batch = batch(batchId);
        if (!mayRun(actor, batch)) {
            throw new ForbiddenException("contest-not-yours");
        }
        return batch;
    }

    /** Whether the caller runs the batch (its office): they see its expert panel, which the public does not. */
    public static boolean mayRun(Actor actor, CraftsmanBatch batch) {
        return ContestAccess.mayRun(actor, batch.tier(), batch.region(), batch.organiser());
    }

    private CraftsmanStore.Kept kept(String nominationId) {
        return store.nomination(nominationId).orElseThrow(() -> new NotFoundException("nomination-not-found", nominationId));
    }

    private CraftsmanStore.Kept change(String nominationId, Function<Nomination, Nomination.Changed> step) {
        return store.change(nominationId, step).orElseThrow(() -> new NotFoundException("nomination-not-found", nominationId));
    }

    private CraftsmanBatch changeBatch(String batchId, Function<CraftsmanBatch, CraftsmanBatch.Changed> step) {
        return store.changeBatch(batchId, step).orElseThrow(() -> new NotFoundException("craftsman-batch-not-found", batchId));
    }
}
