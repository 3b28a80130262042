package cn.unionhub.contest.contest.api;

import cn.unionhub.contest.contest.ContestService;
import cn.unionhub.contest.contest.domain.Aspect;
import cn.unionhub.contest.contest.domain.AspectKind;
import cn.unionhub.contest.contest.domain.Contest;
import cn.unionhub.contest.contest.domain.ContestEvent;
import cn.unionhub.contest.contest.domain.EventRules;
import cn.unionhub.contest.contest.domain.Points;
import cn.unionhub.contest.contest.domain.TieRule;
import cn.unionhub.contest.contest.domain.Tier;
import cn.unionhub.contest.contest.store.Contests;
import cn.unionhub.platform.domain.Choices;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.security.Actor;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Contests: planned as a draft with their events, rules and advancement link, then
 * published (the rules fixed). Points are decimal strings with two places ("30.00"); times ISO-8601.
 */
@RestController
class ContestController {

    private final ContestService contests;

    ContestController(ContestService contests) {
        this.contests = contests;
    }

    record AspectForm(String code, String name, String kind, String max) {
    }

    record EventForm(String occupationCode, String occupationName, Integer theoryWeight, Integer practicalWeight,
            List<AspectForm> aspects, String timeLimit, String maxSpread, Boolean employeesOnly, Instant registrationClosesAt) {
    }

    record AdvancementForm(String contestId, Integer quota, String tieRule) {
    }

    record PlanForm(String name, String tier, String region, Integer year, String organiser, List<EventForm> events,
            AdvancementForm advancement, Integer noticeWorkingDays) {
    }

    @PostMapping("/api/v1/contests")
    ResponseEntity<ContestView> plan(@RequestBody PlanForm form, Actor actor,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        Contests.Kept planned = contests.plan(toPlanning(form), actor, idempotencyKey);
        return ResponseEntity.created(URI.create("/api/v1/contests/" + planned.contest().id())).body(ContestView.of(planned));
    }

    @PostMapping("/api/v1/contests/{id}/publication")
    ContestView publish(@PathVariable String id, Actor actor) {
        return ContestView.of(contests.publish(id, actor));
    }

    /** The published contests open to workers of a division this year (or {@code year}): 长安区 lists 长安区's, 石家庄's and 河北's. */
    @GetMapping("/api/v1/contests")
    List<ContestView> openTo(@RequestParam String region, @RequestParam(required = false) Integer year) {
        return contests.openTo(region, year).stream().map(ContestView::of).toList();
    }

    @GetMapping("/api/v1/contests/{id}")
    ContestView contest(@PathVariable String id, Actor actor) {
        return ContestView.of(contests.find(id, actor));
    }

    record AspectView(String code, String name, String kind, String max) {
    }

    record EventView(String id, String occupationCode, String occupationName, int theoryWeight, int practicalWeight,
            List<AspectView> aspects, Duration timeLimit, String maxSpread, boolean employeesOnly, Instant registrationClosesAt) {

        static EventView of(ContestEvent e) {
            EventRules r = e.rules();
            return new EventView(e.id(), e.occupationCode(), e.occupationName(), r.theoryWeight(), r.practicalWeight(),
                    r.aspects().stream().map(a -> new AspectView(a.code(), a.name(), a.kind().name(), Points.format(a.maxHundredths())))
                            .toList(),
                    r.timeLimit(), Points.format(r.maxSpreadHundredths()), r.employeesOnly(), e.registrationClosesAt());
        }
    }

    record ContestView(String id, String name, String tier, String region, int year, String organiser, String status,
            List<EventView> events, String advancesTo, Integer advancementQuota, int noticeWorkingDays,
            Instant publishedAt) {

        static ContestView of(Contests.Kept kept) {
            Contest c = kept.contest();
            return new ContestView(c.id(), c.name(), c.tier().name(), c.region().code(), c.year(), c.organiser(), c.status().name(),
                    c.events().stream().map(EventView::of).toList(),
                    c.advancement() == null ? null : c.advancement().toContestId(),
                    c.advancement() == null ? null : c.advancement().quota(), kept.noticeWorkingDays(),
                    c.publishedAt());
        }
    }

    private static ContestService.Planning toPlanning(PlanForm form) {
        List<FieldViolation> wrong = new ArrayList<>();
        Tier tier = Choices.read(Tier.class, form.tier(), "tier", wrong);
        List<Contest.EventForm> events = new ArrayList<>();
        List<EventForm> given = form.events() == null ? List.of() : form.events();
        for (int i = 0; i < given.size(); i++) {
            events.add(toEvent(given.get(i), "events[" + i + "].", wrong));
        }
        ContestService.Link link = null;
        if (form.advancement() != null) {
            AdvancementForm a = form.advancement();
            TieRule tieRule = Choices.read(TieRule.class, a.tieRule() == null ? TieRule.INCLUDE_TIED.name() : a.tieRule(),
                    "advancement.tieRule", wrong);
            link = new ContestService.Link(a.contestId(), a.quota() == null ? 0 : a.quota(), tieRule);
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-contest", wrong);
        }
        return new ContestService.Planning(new Contest.Plan(form.name(), tier, form.region(), form.year() == null ? 0 : form.year(),
                form.organiser()), events, form.noticeWorkingDays() == null ? 5 : form.noticeWorkingDays(), link);
    }

    private static Contest.EventForm toEvent(EventForm e, String at, List<FieldViolation> wrong) {
        List<Aspect> aspects = new ArrayList<>();
        List<AspectForm> given = e.aspects() == null ? List.of() : e.aspects();
        for (int i = 0; i < given.size(); i++) {
            AspectForm a = given.get(i);
            AspectKind kind = Choices.read(AspectKind.class, a.kind(), at + "aspects[" + i + "].kind", wrong);
            aspects.add(new Aspect(a.code(), a.name(), kind, points(a.max(), at + "aspects[" + i + "].max", wrong)));
        }
        Duration limit = null;
        try {
            limit = e.timeLimit() == null ? null : Duration.parse(e.timeLimit());
        } catch (DateTimeParseException notADuration) {
            wrong.add(new FieldViolation(at + "timeLimit", "invalid"));
        }
        int spread = e.maxSpread() == null ? 0 : points(e.maxSpread(), at + "maxSpread", wrong);
        EventRules rules = new EventRules(e.theoryWeight() == null ? 0 : e.theoryWeight(),
                e.practicalWeight() == null ? 0 : e.practicalWeight(), aspects, limit, spread, Boolean.TRUE.equals(e.employeesOnly()));
        return new Contest.EventForm(null, e.occupationCode(), e.occupationName(), rules, e.registrationClosesAt());
    }

    private static int points(String text, String field, List<FieldViolation> wrong) {
        Long hundredths = Points.parseHundredths(text);
        if (hundredths == null) {
            wrong.add(new FieldViolation(field, "invalid-points"));
            return 0;
        }
        return hundredths.intValue();
    }
}
