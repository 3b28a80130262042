package cn.unionhub.contest.contest.domain;

import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How an event is scored. The theory paper and the practical part are each out of 100 points and
 * weighted in whole percent (e.g. 30 / 70); the practical part is the sum of its aspects, whose
 * maxima therefore add up to 100 points. A theory weight of 0 means there is no paper.
 *
 * @param timeLimit              the practical part's time; time used breaks ties and cannot exceed it
 * @param maxSpreadHundredths    the furthest apart (highest − lowest) three judges' scores on a judgement
 *                               aspect may lie before the aspect goes back for review
 * @param employeesOnly          only employees (在职职工) may enter, as in the trade unions' 职工职业技能大赛
 */
public record EventRules(int theoryWeight, int practicalWeight, List<Aspect> aspects, Duration timeLimit,
        int maxSpreadHundredths, boolean employeesOnly) {

    private static final Pattern ASPECT_CODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,15}");

    public EventRules {
        aspects = List.copyOf(aspects);
    }

    public boolean hasTheory() {
        return theoryWeight > 0;
    }

    public java.util.Optional<Aspect> aspect(String code) {
        return aspects.stream().filter(a -> a.code().equals(code)).findFirst();
    }

    /** What is wrong with these rules, each with its field under {@code prefix}; empty when they hold. */
    public List<FieldViolation> violations(String prefix) {
        List<FieldViolation> wrong = new ArrayList<>();
        if (theoryWeight < 0 || theoryWeight > 99) {
            wrong.add(new FieldViolation(prefix + "theoryWeight", "out-of-range", 0, 99));
        }
        if (practicalWeight < 1 || practicalWeight > 100) {
            wrong.add(new FieldViolation(prefix + "practicalWeight", "out-of-range", 1, 100));
        }
        if (theoryWeight + practicalWeight != 100) {
            wrong.add(new FieldViolation(prefix + "practicalWeight", "weights-must-total-100", theoryWeight + practicalWeight));
        }
        if (aspects.isEmpty()) {
            wrong.add(new FieldViolation(prefix + "aspects", "required"));
        }
        Set<String> codes = new HashSet<>();
        long total = 0;
        for (int i = 0; i < aspects.size(); i++) {
            Aspect a = aspects.get(i);
            String at = prefix + "aspects[" + i + "].";
            if (a.code() == null || !ASPECT_CODE.matcher(a.code()).matches()) {
                wrong.add(new FieldViolation(at + "code", "invalid"));
            } else if (!codes.add(a.code())) {
                wrong.add(new FieldViolation(at + "code", "duplicate-aspect", a.code()));
            }
            if (a.name() == null || a.name().isBlank()) {
                wrong.add(new FieldViolation(at + "name", "required"));
            } else if (a.name().length() > 50) {
                wrong.add(new FieldViolation(at + "name", "too-long", 50));
            }
            if (a.kind() == null) {
                wrong.add(new FieldViolation(at + "kind", "required"));
            }
            if (a.maxHundredths() < 1 || a.maxHundredths() > Points.FULL_MARKS_HUNDREDTHS) {
                wrong.add(new FieldViolation(at + "max", "out-of-range", "0.01", "100.00"));
            }
            total += a.maxHundredths();
        }
        if (!aspects.isEmpty() && total != Points.FULL_MARKS_HUNDREDTHS) {
            wrong.add(new FieldViolation(prefix + "aspects", "aspects-must-total-100", Points.format(total)));
        }
        if (timeLimit == null || timeLimit.isNegative() || timeLimit.isZero() || timeLimit.compareTo(Duration.ofHours(24)) > 0) {
            wrong.add(new FieldViolation(prefix + "timeLimit", "out-of-range", "PT1M", "PT24H"));
        }
        if (maxSpreadHundredths < 0 || maxSpreadHundredths > Points.FULL_MARKS_HUNDREDTHS) {
            wrong.add(new FieldViolation(prefix + "maxSpread", "out-of-range", "0.00", "100.00"));
        }
        return wrong;
    }
}
