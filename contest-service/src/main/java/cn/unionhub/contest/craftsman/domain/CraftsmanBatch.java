package cn.unionhub.contest.craftsman.domain;

import cn.unionhub.contest.contest.domain.Region;
import cn.unionhub.contest.contest.domain.Tier;
import cn.unionhub.contest.craftsman.domain.Nomination.ExpertReviewed;
import cn.unionhub.events.contest.CraftsmanNoticed;
import cn.unionhub.contest.notice.domain.Notice;
import cn.unionhub.contest.notice.domain.Objection;
import cn.unionhub.contest.notice.domain.Verdict;
import cn.unionhub.events.DomainEvent;
import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A year's batch of a craftsman selection (2025年度"上海工匠", 首届"湖北产业工匠人才"): nominations open until
 * a deadline, an expert panel, the number to be selected, and the public notice of those selected,
 * with the same objection rules as contest results ({@link Notice}). An objection upheld against a
 * nominee rejects that nominee; one upheld against the list as a whole (the procedure, say) needs a
 * new notice of the list before anyone is conferred.
 *
 * @param quota         the most that may be selected; null when the batch sets none
 * @param onNotice      the nominations on the current notice
 */
public record CraftsmanBatch(String id, String title, Tier tier, Region region, int year, String organiser,
        Instant nominationsCloseAt, List<Expert> experts, int expertsRequired, Integer quota, int noticeWorkingDays,
        Notice notice, List<String> onNotice, List<Notice> earlierNotices, List<WithdrawnExpert> withdrawnExperts) {

    /** An expert taken off the panel before the notice (回避, illness), why, by whom and when; their scores were dropped. */
    public record WithdrawnExpert(Expert expert, String reason, String by, Instant at) {
    }

    /** The longest reason a withdrawal keeps. */
    public static final int MAX_WITHDRAWAL_REASON = 200;

    /** What planning a batch needs, as the form gives it. */
    public record Plan(String title, Tier tier, String region, int year, String organiser, Instant nominationsCloseAt,
            int expertsRequired, Integer quota, int noticeWorkingDays) {
    }

    /** A changed batch, the nominations it put on notice, and the events. */
    public record Changed(CraftsmanBatch batch, List<Nomination.Noticed> noticed, List<DomainEvent> events) {
    }

    public CraftsmanBatch {
        experts = List.copyOf(experts);
        onNotice = List.copyOf(onNotice);
        earlierNotices = List.copyOf(earlierNotices);
        withdrawnExperts = withdrawnExperts == null ? List.of() : List.copyOf(withdrawnExperts); // none kept before 2026-12-05
    }

    public static CraftsmanBatch plan(String id, Plan plan, Instant now) {
        List<FieldViolation> wrong = new ArrayList<>();
        if (plan.title() == null || plan.title().isBlank()) {
            wrong.add(new FieldViolation("title", "required"));
        }
        Tier.checkPlacement(plan.tier(), plan.region(), plan.year(), wrong);
        if (plan.organiser() == null || plan.organiser().isBlank()) {
            wrong.add(new FieldViolation("organiser", "required"));
        }
        if (plan.nominationsCloseAt() == null) {
            wrong.add(new FieldViolation("nominationsCloseAt", "required"));
        } else if (!plan.nominationsCloseAt().isAfter(now)) {
            // A batch closed before it opened could never take a nomination, and a batch is not edited.
            wrong.add(new FieldViolation("nominationsCloseAt", "in-the-past"));
        }
        if (plan.expertsRequired() < 3 || plan.expertsRequired() > 50) {
            wrong.add(new FieldViolation("expertsRequired", "out-of-range", 3, 50));
        }
        if (plan.quota() != null && plan.quota() < 1) {
            wrong.add(new FieldViolation("quota", "out-of-range", 1, 10_000));
        }
        if (plan.noticeWorkingDays() < 1 || plan.noticeWorkingDays() > Notice.MAX_WORKING_DAYS) {
            wrong.add(new FieldViolation("noticeWorkingDays", "out-of-range", 1, Notice.MAX_WORKING_DAYS));
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-craftsman-batch", wrong);
        }
        return new CraftsmanBatch(id, plan.title().strip(), plan.tier(), new Region(plan.region()), plan.year(),
                plan.organiser().strip(), plan.nominationsCloseAt(), List.of(), plan.expertsRequired(), plan.quota(),
                plan.noticeWorkingDays(), null, List.of(), List.of(), List.of());
    }

    /**
     * 截止申报: the office closes nominations now, before the planned deadline (every unit has sent its own); the notice may
     * follow. Closing a batch closed already changes nothing.
     */
    public CraftsmanBatch nominationsClosedAt(Instant at) {
        if (!at.isBefore(nominationsCloseAt)) {
            return this;
        }
        return new CraftsmanBatch(id, title, tier, region, year, organiser, at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), experts,
                expertsRequired, quota, noticeWorkingDays, notice, onNotice, earlierNotices, withdrawnExperts);
    }

    public CraftsmanBatch withExpert(Expert expert) {
        if (expert.id() == null || expert.name() == null || expert.name().isBlank()) {
            throw new RuleViolationException("invalid-expert", List.of(new FieldViolation("name", "required")));
        }
        if (notice != null) {
            // The review is over once the notice is open: an expert added then had scored a nomination that could still
            // reach a later round (exploratory test, 2026-12-05).
            throw new ConflictException("panel-fixed-on-notice", id);
        }
        if (withdrawnExperts.stream().anyMatch(w -> w.expert().id().equals(expert.id()))) {
            // 回避 is for the batch: an expert taken off for a conflict was put back and scored again.
            throw new ConflictException("expert-withdrawn", expert.id(), id);
        }
        if (experts.stream().anyMatch(e -> e.id().equals(expert.id()))) {
            throw new ConflictException("expert-already-assigned", expert.id(), id);
        }
        List<Expert> next = new ArrayList<>(experts);
        next.add(expert);
        return new CraftsmanBatch(id, title, tier, region, year, organiser, nominationsCloseAt, next, expertsRequired, quota,
                noticeWorkingDays, notice, onNotice, earlierNotices, withdrawnExperts);
    }

    /**
     * Takes an expert off the panel before the notice (a conflict found late, illness): their scores no longer count, and
     * another expert may be added to reach the required number. Once the notice is open the review is done — an objection
     * is the way to question it then. Withdrawing an expert withdrawn already changes nothing.
     */
    public CraftsmanBatch withoutExpert(String expertId, String reason, String by, Instant at) {
        if (withdrawnExperts.stream().anyMatch(w -> w.expert().id().equals(expertId))
                && experts.stream().noneMatch(e -> e.id().equals(expertId))) {
            return this;
        }
        Expert leaving = experts.stream().filter(e -> e.id().equals(expertId)).findFirst()
                .orElseThrow(() -> new cn.unionhub.platform.domain.NotFoundException("expert-not-on-panel", expertId, id));
        if (notice != null) {
            throw new ConflictException("panel-fixed-on-notice", id);
        }
        String why = cn.unionhub.contest.common.domain.Texts.required(reason, "reason", MAX_WITHDRAWAL_REASON, "invalid-expert-withdrawal");
        List<Expert> staying = experts.stream().filter(e -> !e.id().equals(expertId)).toList();
        List<WithdrawnExpert> withdrawn = new ArrayList<>(withdrawnExperts);
        withdrawn.add(new WithdrawnExpert(leaving, why, by, at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        return new CraftsmanBatch(id, title, tier, region, year, organiser, nominationsCloseAt, staying, expertsRequired, quota,
                noticeWorkingDays, notice, onNotice, earlierNotices, withdrawn);
    }

    /** An expert of this batch's panel; anyone else may not score its nominations (403). */
    public Expert expert(String expertId) {
        return experts.stream().filter(e -> e.id().equals(expertId)).findFirst()
                .orElseThrow(() -> new ForbiddenException("not-an-expert-of-batch", id));
    }

    /** Puts the selected nominees on public notice for the batch's working days. */
    public Changed openNotice(String noticeId, List<ExpertReviewed> selected, BusinessCalendar calendar, Instant at) {
        if (notice != null) {
            throw new ConflictException("notice-exists", id, notice.id());
        }
        return noticeOf(noticeId, 1, selected, List.of(), List.of(), calendar, at, earlierNotices);
    }

    /**
     * A new notice after an upheld objection: the nominees still selected (those on the old notice and
     * not rejected) and any newly selected in place of a rejected one, for a full new period.
     * Objections not yet answered carry over.
     *
     * @param kept    nominations on the old notice that stay on
     * @param added   expert-reviewed nominations selected now
     */
    public Changed renotice(String noticeId, List<Nomination.Noticed> kept, List<ExpertReviewed> added, BusinessCalendar calendar,
            Instant at) {
        if (notice == null || notice.objections().stream().noneMatch(Objection::isUpheld)) {
            throw new ConflictException("notice-not-renewable", id);
        }
        for (Nomination.Noticed n : kept) {
            if (!onNotice.contains(n.id())) {
                throw new ConflictException("not-on-notice", n.id());
            }
        }
        List<Notice> replaced = new ArrayList<>(earlierNotices);
        replaced.add(notice.supersede(at));
        return noticeOf(noticeId, notice.round() + 1, added, kept, notice.unanswered(), calendar, at, replaced);
    }

    private Changed noticeOf(String noticeId, int round, List<ExpertReviewed> selected, List<Nomination.Noticed> kept,
            List<Objection> carried, BusinessCalendar calendar, Instant at, List<Notice> earlier) {
        if (selected.isEmpty() && kept.isEmpty()) {
            throw new RuleViolationException("invalid-notice", List.of(new FieldViolation("selected", "required")));
        }
        Set<String> ids = new HashSet<>();
        for (ExpertReviewed n : selected) {
            if (!n.facts().batchId().equals(id) || !ids.add(n.id())) {
                throw new RuleViolationException("invalid-notice", List.of(new FieldViolation("selected", "invalid", n.id())));
            }
        }
        kept.forEach(n -> ids.add(n.id()));
        if (quota != null && ids.size() > quota) {
            throw new RuleViolationException("invalid-notice", List.of(new FieldViolation("selected", "over-quota", quota)));
        }
        Notice opened = Notice.open(noticeId, id, round, noticeWorkingDays, calendar, at, carried);
        List<Nomination.Noticed> noticed = new ArrayList<>();
        List<DomainEvent> events = new ArrayList<>();
        for (ExpertReviewed n : selected) {
            noticed.add(n.noticed(at));
            events.add(new CraftsmanNoticed(n.id(), id, noticeId, opened.opensAt(), opened.closesAt()));
        }
        for (Nomination.Noticed n : kept) {
            events.add(new CraftsmanNoticed(n.id(), id, noticeId, opened.opensAt(), opened.closesAt()));
        }
        List<String> listed = new ArrayList<>(kept.stream().map(Nomination::id).toList());
        listed.addAll(selected.stream().map(Nomination::id).toList());
        CraftsmanBatch next = new CraftsmanBatch(id, title, tier, region, year, organiser, nominationsCloseAt, experts,
                expertsRequired, quota, noticeWorkingDays, opened, listed, earlier, withdrawnExperts);
        return new Changed(next, noticed, events);
    }

    /** An objection, by name with evidence, against a nominee on the notice or the list as a whole. */
    public Changed object(String objectionId, Notice.ObjectionForm form, Instant at) {
        if (notice == null) {
            throw new ConflictException("notice-not-open", id);
        }
        if (form.concerns() != null && !onNotice.contains(form.concerns())) {
            throw new RuleViolationException("invalid-objection", List.of(new FieldViolation("concerns", "not-on-notice",
                    form.concerns())));
        }
        Notice.Changed filed = notice.file(objectionId, form, at);
        return new Changed(withNotice(filed.notice()), List.of(), filed.events());
    }

    /**
     * Answers an objection with a reason. An upheld objection against a nominee is followed by the
     * nominee's rejection (citing it); one against the whole list by a new notice.
     */
    public Changed answer(String objectionId, Verdict verdict, String reason, String by, Instant at) {
        if (notice == null) {
            throw new ConflictException("notice-not-open", id);
        }
        Notice.Changed answered = notice.answer(objectionId, verdict, reason, by, at);
        return new Changed(withNotice(answered.notice()), List.of(), answered.events());
    }

    /**
     * Every objection to the batch's notices, each once as it stands last (an unanswered one carried into the next round
     * is that round's): a new round showed only its own, and the answers of the round before were gone for everyone,
     * the objectors too (exploratory test, 2026-12-05).
     */
    public List<Objection> allObjections() {
        java.util.Map<String, Objection> byId = new java.util.LinkedHashMap<>();
        earlierNotices.forEach(n -> n.objections().forEach(o -> byId.put(o.id(), o)));
        if (notice != null) {
            notice.objections().forEach(o -> byId.put(o.id(), o));
        }
        return List.copyOf(byId.values());
    }

    private CraftsmanBatch withNotice(Notice changed) {
        return new CraftsmanBatch(id, title, tier, region, year, organiser, nominationsCloseAt, experts, expertsRequired, quota,
                noticeWorkingDays, changed, onNotice, earlierNotices, withdrawnExperts);
    }
}
