package cn.unionhub.contest.award.api;

import cn.unionhub.contest.award.domain.AwardKind;
import cn.unionhub.contest.award.domain.AwardRule;
import cn.unionhub.contest.award.domain.AwardScheme;
import cn.unionhub.contest.award.domain.Condition;
import cn.unionhub.contest.award.store.AwardSchemeStore;
import cn.unionhub.contest.contest.ContestService;
import cn.unionhub.contest.contest.domain.TieRule;
import cn.unionhub.platform.domain.Choices;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.security.Actor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A contest's awards as data: set by its office while the contest is a draft (competitors register
 * knowing what is at stake), public once published.
 */
@RestController
class AwardSchemeController {

    private final ContestService contests;
    private final AwardSchemeStore schemes;

    AwardSchemeController(ContestService contests, AwardSchemeStore schemes) {
        this.contests = contests;
        this.schemes = schemes;
    }

    record RuleForm(String code, String kind, String title, Integer firstPlace, Integer lastPlace, String tieRule,
            List<String> conditions, Long prizeFen) {
    }

    record SchemeForm(String name, List<RuleForm> rules) {
    }

    @PutMapping("/api/v1/contests/{id}/award-scheme")
    AwardScheme put(@PathVariable String id, @RequestBody SchemeForm form, Actor actor) {
        if (contests.run(id, actor).contest().isPublished()) {
            throw new ConflictException("contest-published", id);
        }
        List<FieldViolation> wrong = new ArrayList<>();
        List<AwardRule> rules = new ArrayList<>();
        List<RuleForm> given = form.rules() == null ? List.of() : form.rules();
        for (int i = 0; i < given.size(); i++) {
            RuleForm r = given.get(i);
            String at = "rules[" + i + "].";
            Set<Condition> conditions = new HashSet<>();
            for (String c : r.conditions() == null ? List.<String>of() : r.conditions()) {
                Condition condition = Choices.read(Condition.class, c, at + "conditions", wrong);
                if (condition != null) {
                    conditions.add(condition);
                }
            }
            rules.add(new AwardRule(r.code(), Choices.read(AwardKind.class, r.kind(), at + "kind", wrong), r.title(),
                    r.firstPlace() == null ? 0 : r.firstPlace(), r.lastPlace(),
                    Choices.read(TieRule.class, r.tieRule(), at + "tieRule", wrong), conditions,
                    r.prizeFen() == null ? 0 : r.prizeFen()));
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-award-scheme", wrong);
        }
        AwardScheme scheme = AwardScheme.of(id, form.name(), rules);
        schemes.put(id, scheme);
        return scheme;
    }

    @GetMapping("/api/v1/contests/{id}/award-scheme")
    AwardScheme get(@PathVariable String id, Actor actor) {
        return schemes.of(contests.find(id, actor).contest().id());
    }
}
