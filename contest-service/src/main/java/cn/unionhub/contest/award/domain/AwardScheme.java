package cn.unionhub.contest.award.domain;

import cn.unionhub.contest.contest.domain.TieRule;
import cn.unionhub.contest.ranking.domain.Ranking;
import cn.unionhub.contest.registration.domain.Registration;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A contest's awards as data: a list of rules by rank range, each with its conditions, its tie rule
 * at the cut-off and its prize money. A competitor receives every rule they qualify for — the winner
 * of a provincial final is recommended for the medal, and also takes the title, the grade promotion
 * and the certificate.
 */
public record AwardScheme(String id, String name, List<AwardRule> rules) {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    /** A million yuan: more than any contest's prize, small enough that a slip of the keyboard shows. */
    private static final long MAX_PRIZE_FEN = 100_000_000L;

    /**
     * Why a ranked competitor did not receive an award their rank earned.
     *
     * @param unmet the first condition they do not meet
     */
    public record Withheld(String rule, String registrationId, int rank, Condition unmet) {
    }

    /** The awards and the withheld ones of one ranking. */
    public record Decision(List<Award> awards, List<Withheld> withheld) {

        public Decision {
            awards = List.copyOf(awards);
            withheld = List.copyOf(withheld);
        }

        public List<Award> of(String registrationId) {
            return awards.stream().filter(a -> a.registrationId().equals(registrationId)).toList();
        }
    }

    public AwardScheme {
        rules = List.copyOf(rules);
    }

    /** A scheme with its rules checked: codes unique, ranges sound, amounts not negative. */
    public static AwardScheme of(String id, String name, List<AwardRule> rules) {
        List<FieldViolation> wrong = new ArrayList<>();
        if (name == null || name.isBlank()) {
            wrong.add(new FieldViolation("name", "required"));
        }
        if (rules.isEmpty()) {
            wrong.add(new FieldViolation("rules", "required"));
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            AwardRule r = rules.get(i);
            String at = "rules[" + i + "].";
            if (r.code() == null || !CODE.matcher(r.code()).matches()) {
                wrong.add(new FieldViolation(at + "code", "invalid"));
            } else if (!codes.add(r.code())) {
                wrong.add(new FieldViolation(at + "code", "duplicate-rule", r.code()));
            }
            if (r.kind() == null) {
                wrong.add(new FieldViolation(at + "kind", "required"));
            }
            if (r.title() == null || r.title().isBlank()) {
                wrong.add(new FieldViolation(at + "title", "required"));
            }
            if (r.firstPlace() < 1) {
                wrong.add(new FieldViolation(at + "firstPlace", "out-of-range", 1, 10_000));
            }
            if (r.lastPlace() != null && r.lastPlace() < r.firstPlace()) {
                wrong.add(new FieldViolation(at + "lastPlace", "before-first-place", r.firstPlace()));
            }
            if (r.tieRule() == null) {
                wrong.add(new FieldViolation(at + "tieRule", "required"));
            }
            if (r.prizeFen() < 0 || r.prizeFen() > MAX_PRIZE_FEN) {
                wrong.add(new FieldViolation(at + "prizeFen", "out-of-range", 0, MAX_PRIZE_FEN));
            }
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-award-scheme", wrong);
        }
        return new AwardScheme(id, name.strip(), rules);
    }

    /**
     * Who receives what under this scheme, from a ranking and the competitors' registrations. A
     * competitor who does not meet a rule's conditions is passed over (and listed as withheld); the
     * award does not pass to the next rank, which the competitor did not reach.
     */
    public Decision decide(Ranking ranking, Map<String, Registration> registrations) {
        List<Award> awards = new ArrayList<>();
        List<Withheld> withheld = new ArrayList<>();
        for (AwardRule rule : rules) {
            TieRule ties = rule.tieRule();
            for (Ranking.Line line : ranking.places(rule.firstPlace(), rule.lastPlace(), ties)) {
                Registration registration = registrations.get(line.registrationId());
                if (registration == null) {
                    throw new IllegalArgumentException("no registration " + line.registrationId() + " for the ranking");
                }
                Condition unmet = rule.conditions().stream().sorted().filter(c -> !c.isMetBy(registration)).findFirst().orElse(null);
                if (unmet != null) {
                    withheld.add(new Withheld(rule.code(), line.registrationId(), line.rank(), unmet));
                    continue;
                }
                awards.add(new Award(ranking.eventId() + ":" + rule.code() + ":" + line.registrationId(), rule.code(), rule.kind(),
                        rule.title(), ranking.eventId(), line.registrationId(), registration.competitor().idHash(), line.rank(),
                        rule.prizeFen()));
            }
        }
        return new Decision(awards, withheld);
    }
}
