package cn.unionhub.contest.craftsman.domain;

import cn.unionhub.contest.common.domain.IdHashes;
import cn.unionhub.contest.common.domain.Texts;
import cn.unionhub.contest.contest.domain.Points;
import cn.unionhub.events.contest.CraftsmanConferred;
import cn.unionhub.events.contest.CraftsmanNominated;
import cn.unionhub.events.contest.CraftsmanRejected;
import cn.unionhub.contest.notice.domain.Notice;
import cn.unionhub.contest.notice.domain.Objection;
import cn.unionhub.events.DomainEvent;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.platform.identity.ChineseIdentifiers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A nomination for a craftsman title (工匠选树), one type per stage: nominated (by the nominee's unit,
 * an association or themselves) → self-evaluated (自评) → passed the central review (集中审核) →
 * expert-reviewed with scores (专家评审) → on public notice (公示) → conferred; or rejected, with a
 * reason, at any stage before conferral. Each stage carries what it has and no more; a transition a
 * stage does not have answers {@code nomination-illegal-transition} (409).
 */
public sealed interface Nomination permits Nomination.Nominated, Nomination.SelfEvaluated, Nomination.Reviewed,
        Nomination.ExpertReviewed, Nomination.Noticed, Nomination.Conferred, Nomination.Rejected {

    int MAX_TEXT = 2000;

    /** Who is nominated: an employee (the title honours workers in post), by keyed id-number hash, never the number. */
    record Nominee(String idHash, String name, String enterprise, String enterpriseName, String occupation) {
    }

    /**
     * What stays the same through every stage.
     *
     * @param nominatedBy the unit's credit code or the association's id; null for self-nomination
     * @param achievements the deeds put forward (事迹)
     */
    record Facts(String id, String batchId, Nominee nominee, NominationChannel channel, String nominatedBy,
            String achievements, Instant nominatedAt) {
    }

    /** The central review's outcome. */
    record Review(String by, String note, Instant at) {
    }

    /** One expert's score, hundredths of a point out of 100. */
    record ExpertScore(String expert, long hundredths, Instant at) {
    }

    /** A nomination after a transition, and the events it caused. */
    record Changed(Nomination nomination, List<DomainEvent> events) {
    }

    /** What nominating needs, as the form gives it. */
    record Form(Nominee nominee, NominationChannel channel, String nominatedBy, String achievements) {
    }

    Facts facts();

    Stage stage();

    default String id() {
        return facts().id();
    }

    default Changed selfEvaluate(String text, Instant at) {
        throw illegal("self-evaluate");
    }

    default Changed passReview(String by, String note, Instant at) {
        throw illegal("review");
    }

    default Changed scoreByExpert(CraftsmanBatch batch, String expertId, long hundredths, Instant at) {
        throw illegal("expert-score");
    }

    default Changed completeExpertReview(CraftsmanBatch batch, Instant at) {
        throw illegal("complete-expert-review");
    }

    default Changed confer(CraftsmanBatch batch, Instant at) {
        throw illegal("confer");
    }

    /**
     * Without the scores of an expert taken off the panel: they count for nothing. Only a nomination under expert review, or
     * reviewed and not yet on notice, holds scores that may still change; any other is as it was.
     */
    default Nomination withoutScoresOf(String expertId, CraftsmanBatch batch) {
        return this;
    }

    /** Whether an expert's score is part of this nomination's review (before the notice). */
    default boolean scoredBy(String expertId) {
        return false;
    }

    /** Ends the nomination without the title, with a reason; at any stage before conferral. */
    default Changed reject(String reason, String by, Instant at) {
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        return new Changed(new Rejected(facts(), stage(), Texts.reason(reason), by, now),
                List.of(new CraftsmanRejected(id(), facts().batchId(), stage().name(), now)));
    }

    private ConflictException illegal(String action) {
        return new ConflictException("nomination-illegal-transition", id(), stage().name(), action);
    }

    /**
     * Nominates someone for a batch while its nominations are open.
     *
     * @param earlier the nominee's earlier nominations in the same batch: one that is not rejected blocks another
     */
    static Changed nominate(String id, CraftsmanBatch batch, Form form, List<Nomination> earlier, Instant at) {
        if (!at.isBefore(batch.nominationsCloseAt())) {
            throw new ConflictException("nominations-closed", batch.title(), batch.nominationsCloseAt());
        }
        check(form);
        if (earlier.stream().anyMatch(n -> n.facts().batchId().equals(batch.id()) && n.stage() != Stage.REJECTED
                && n.facts().nominee().idHash().equals(form.nominee().idHash()))) {
            throw new ConflictException("already-nominated", batch.title());
        }
        Nominee n = form.nominee();
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        Facts facts = new Facts(id, batch.id(), new Nominee(n.idHash(), n.name().strip(), n.enterprise(), n.enterpriseName().strip(),
                n.occupation().strip()), form.channel(), form.channel() == NominationChannel.SELF ? null : form.nominatedBy().strip(),
                form.achievements().strip(), now);
        return new Changed(new Nominated(facts), List.of(new CraftsmanNominated(id, batch.id(), form.channel().name(), now)));
    }

    private static void check(Form form) {
        List<FieldViolation> wrong = new ArrayList<>();
        Nominee n = form.nominee();
        if (n == null) {
            throw new RuleViolationException("invalid-nomination", List.of(new FieldViolation("nominee", "required")));
        }
        IdHashes.check(n.idHash(), "nominee.idHash", wrong);
        for (String[] field : new String[][] {{"nominee.name", n.name()}, {"nominee.enterpriseName", n.enterpriseName()},
                {"nominee.occupation", n.occupation()}}) {
            if (field[1] == null || field[1].isBlank()) {
                wrong.add(new FieldViolation(field[0], "required"));
            } else if (field[1].strip().length() > 100) {
                wrong.add(new FieldViolation(field[0], "too-long", 100));
            }
        }
        if (!ChineseIdentifiers.isValidUscc(n.enterprise())) {
            // Open to employees of every trade (面向在职职工): the employer must be known.
            wrong.add(new FieldViolation("nominee.enterprise", "invalid-uscc"));
        }
        if (form.achievements() == null || form.achievements().isBlank()) {
            wrong.add(new FieldViolation("achievements", "required"));
        } else if (form.achievements().strip().length() > MAX_TEXT) {
            wrong.add(new FieldViolation("achievements", "too-long", MAX_TEXT));
        }
        if (form.channel() == null) {
            wrong.add(new FieldViolation("channel", "required"));
        } else if (form.channel() != NominationChannel.SELF && (form.nominatedBy() == null || form.nominatedBy().isBlank())) {
            wrong.add(new FieldViolation("nominatedBy", "required"));
        } else if (form.channel() == NominationChannel.UNIT && !form.nominatedBy().strip().equals(n.enterprise())) {
            wrong.add(new FieldViolation("nominatedBy", "unit-nominates-own-employees"));
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-nomination", wrong);
        }
    }

    /** Put forward; the nominee writes their self-evaluation next. */
    record Nominated(Facts facts) implements Nomination {

        @Override
        public Stage stage() {
            return Stage.NOMINATED;
        }

        @Override
        public Changed selfEvaluate(String text, Instant at) {
            return SelfEvaluated.of(facts, text, at);
        }
    }

    /** Self-evaluated (自评申报); waits for the central review. */
    record SelfEvaluated(Facts facts, String selfEvaluation, Instant selfEvaluatedAt) implements Nomination {

        static Changed of(Facts facts, String text, Instant at) {
            String evaluation = Texts.required(text, "selfEvaluation", MAX_TEXT, "invalid-self-evaluation");
            return new Changed(new SelfEvaluated(facts, evaluation, at.truncatedTo(ChronoUnit.MILLIS)), List.of());
        }

        @Override
        public Stage stage() {
            return Stage.SELF_EVALUATED;
        }

        /** Corrected before the central review (a typo was for ever, exploratory test, 2026-12-05): the newer text stands. */
        @Override
        public Changed selfEvaluate(String text, Instant at) {
            return SelfEvaluated.of(facts, text, at);
        }

        @Override
        public Changed passReview(String by, String note, Instant at) {
            return new Changed(new Reviewed(facts, selfEvaluation, new Review(by, note == null ? null : note.strip(),
                    at.truncatedTo(ChronoUnit.MILLIS)), List.of()), List.of());
        }
    }

    /** Passed the central review (集中审核); the experts score it, each once. */
    record Reviewed(Facts facts, String selfEvaluation, Review review, List<ExpertScore> expertScores) implements Nomination {

        public Reviewed {
            expertScores = List.copyOf(expertScores);
        }

        @Override
        public Stage stage() {
            return Stage.REVIEWED;
        }

        @Override
        public Changed scoreByExpert(CraftsmanBatch batch, String expertId, long hundredths, Instant at) {
            Expert expert = batch.expert(expertId);
            if (expert.enterprise() != null && expert.enterprise().equals(facts.nominee().enterprise())) {
                throw new ForbiddenException("expert-own-enterprise", expert.id(), id());
            }
            if (hundredths < 0 || hundredths > Points.FULL_MARKS_HUNDREDTHS) {
                throw new RuleViolationException("invalid-score", List.of(new FieldViolation("value", "score-out-of-range", "0.00",
                        "100.00")));
            }
            if (expertScores.stream().anyMatch(s -> s.expert().equals(expert.id()))) {
                throw new ConflictException("already-scored", id());
            }
            List<ExpertScore> next = new ArrayList<>(expertScores);
            next.add(new ExpertScore(expert.id(), hundredths, at.truncatedTo(ChronoUnit.MILLIS)));
            return new Changed(new Reviewed(facts, selfEvaluation, review, next), List.of());
        }

        @Override
        public Nomination withoutScoresOf(String expertId, CraftsmanBatch batch) {
            return new Reviewed(facts, selfEvaluation, review, expertScores.stream().filter(s -> !s.expert().equals(expertId)).toList());
        }

        @Override
        public boolean scoredBy(String expertId) {
            return expertScores.stream().anyMatch(s -> s.expert().equals(expertId));
        }

        @Override
        public Changed completeExpertReview(CraftsmanBatch batch, Instant at) {
            if (expertScores.size() < batch.expertsRequired()) {
                throw new ConflictException("expert-review-incomplete", id(), expertScores.size(), batch.expertsRequired());
            }
            return new Changed(new ExpertReviewed(facts, selfEvaluation, review, expertScores, at.truncatedTo(ChronoUnit.MILLIS)),
                    List.of());
        }
    }

    /** Scored by the experts; the batch puts the selected ones on notice. */
    record ExpertReviewed(Facts facts, String selfEvaluation, Review review, List<ExpertScore> expertScores, Instant reviewedAt)
            implements Nomination {

        /** Higher mean expert score first, compared exactly (sums cross-multiplied by counts, no division). */
        public static final Comparator<ExpertReviewed> BY_SCORE = (a, b) -> Long.compare(
                b.scoreSum() * a.expertScores.size(), a.scoreSum() * b.expertScores.size());

        public ExpertReviewed {
            expertScores = List.copyOf(expertScores);
        }

        @Override
        public Stage stage() {
            return Stage.EXPERT_REVIEWED;
        }

        public long scoreSum() {
            return expertScores.stream().mapToLong(ExpertScore::hundredths).sum();
        }

        /** The mean, for display. */
        public BigDecimal meanScore() {
            return BigDecimal.valueOf(scoreSum()).divide(BigDecimal.valueOf(100L * expertScores.size()), 2, RoundingMode.HALF_UP);
        }

        /** Fewer scores than the batch requires once the expert's are gone: back under review, for another expert to score. */
        @Override
        public Nomination withoutScoresOf(String expertId, CraftsmanBatch batch) {
            List<ExpertScore> kept = expertScores.stream().filter(s -> !s.expert().equals(expertId)).toList();
            return kept.size() >= batch.expertsRequired() ? new ExpertReviewed(facts, selfEvaluation, review, kept, reviewedAt)
                    : new Reviewed(facts, selfEvaluation, review, kept);
        }

        @Override
        public boolean scoredBy(String expertId) {
            return expertScores.stream().anyMatch(s -> s.expert().equals(expertId));
        }

        /** The nomination on the batch's notice opened at {@code at}. */
        public Noticed noticed(Instant at) {
            return new Noticed(facts, selfEvaluation, review, expertScores, at.truncatedTo(ChronoUnit.MILLIS));
        }
    }

    /** On the batch's public notice; conferred once the notice has closed with nothing held against the nominee. */
    record Noticed(Facts facts, String selfEvaluation, Review review, List<ExpertScore> expertScores, Instant noticedAt)
            implements Nomination {

        public Noticed {
            expertScores = List.copyOf(expertScores);
        }

        @Override
        public Stage stage() {
            return Stage.NOTICED;
        }

        /**
         * Confers the title. The batch's current notice must have closed; no objection about this
         * nominee or the whole list may be left unanswered; an upheld one about the nominee means
         * rejection instead, an upheld one about the whole list a new notice first.
         */
        @Override
        public Changed confer(CraftsmanBatch batch, Instant at) {
            Notice notice = batch.notice();
            if (notice == null || !batch.onNotice().contains(id())) {
                throw new ConflictException("not-on-notice", id());
            }
            if (!notice.hasClosed(at)) {
                throw new ConflictException("notice-still-open", notice.id(), notice.closesAt());
            }
            List<Objection> relevant = notice.objections().stream()
                    .filter(o -> o.concerns() == null || o.concerns().equals(id()))
                    .toList();
            long unanswered = relevant.stream().filter(o -> !o.isAnswered()).count();
            if (unanswered > 0) {
                throw new ConflictException("objections-unanswered", unanswered);
            }
            if (relevant.stream().anyMatch(Objection::isUpheld)) {
                throw new ConflictException("objection-upheld", id());
            }
            Instant now = at.truncatedTo(ChronoUnit.MILLIS);
            return new Changed(new Conferred(facts, batch.title(), expertScores, now),
                    List.of(new CraftsmanConferred(id(), facts.batchId(), batch.title(), facts.nominee().idHash(), now)));
        }
    }

    /** The title conferred. Final. */
    record Conferred(Facts facts, String title, List<ExpertScore> expertScores, Instant conferredAt) implements Nomination {

        public Conferred {
            expertScores = List.copyOf(expertScores);
        }

        @Override
        public Stage stage() {
            return Stage.CONFERRED;
        }

        @Override
        public Changed reject(String reason, String by, Instant at) {
            throw new ConflictException("nomination-illegal-transition", id(), stage().name(), "reject");
        }
    }

    /**
     * Ended without the title. Final; the nominee may be nominated again in a later batch.
     *
     * @param atStage the stage it was rejected in
     */
    record Rejected(Facts facts, Stage atStage, String reason, String by, Instant rejectedAt) implements Nomination {

        @Override
        public Stage stage() {
            return Stage.REJECTED;
        }

        @Override
        public Changed reject(String reason, String by, Instant at) {
            throw new ConflictException("nomination-illegal-transition", id(), stage().name(), "reject");
        }
    }
}
