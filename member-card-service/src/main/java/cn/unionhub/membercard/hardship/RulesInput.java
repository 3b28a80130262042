package cn.unionhub.membercard.hardship;

import cn.unionhub.membercard.hardship.domain.HardshipRules;
import cn.unionhub.membercard.ledger.domain.Fen;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The 特困职工证 rules as the city union writes them (PUT /api/v1/welfare/hardship/rules) and as the
 * installation's first version is configured ({@code unionhub.hardship.defaults}).
 */
public record RulesInput(BigDecimal minimumLivingFen, IncomeTestInput lowIncome, IncomeTestInput nearMinimum, List<String> causes,
        Integer validityMonths, Integer renewalWindowDays, List<ConcessionInput> concessions) {

    public record IncomeTestInput(Integer months, Integer ceilingPercent) {

        HardshipRules.IncomeTest toTest(String field) {
            if (months == null || ceilingPercent == null) {
                throw invalid(field, "hardship-rules-income-test");
            }
            return new HardshipRules.IncomeTest(months, ceilingPercent);
        }
    }

    public record ConcessionInput(String id, String category, String provider, String name, String nameEn,
            BigDecimal discountFenPerUnit, String unit) {

        HardshipRules.Concession toConcession() {
            return new HardshipRules.Concession(id, category, provider, name, nameEn,
                    Fen.ofNullable(discountFenPerUnit, "concessions", PROBLEM), unit);
        }
    }

    /** The rules of {@code version}, set now by {@code by}. */
    HardshipRules toRules(int version, Instant at, String by) {
        if (lowIncome == null || nearMinimum == null || validityMonths == null || renewalWindowDays == null) {
            throw invalid("rules", "hardship-rules-invalid");
        }
        Set<HardshipRules.Cause> known = new LinkedHashSet<>();
        for (String cause : causes == null ? List.<String>of() : causes) {
            try {
                known.add(HardshipRules.Cause.valueOf(cause));
            } catch (IllegalArgumentException | NullPointerException unknown) {
                throw invalid("causes", "hardship-cause", cause);
            }
        }
        return new HardshipRules(version, Fen.of(minimumLivingFen, "minimumLivingFen", PROBLEM), lowIncome.toTest("lowIncome"),
                nearMinimum.toTest("nearMinimum"), known, validityMonths, renewalWindowDays,
                concessions == null ? List.of() : concessions.stream().map(ConcessionInput::toConcession).toList(), at, by);
    }

    private static final String PROBLEM = "hardship-invalid-request";

    private static RuleViolationException invalid(String field, String code, Object... arguments) {
        return new RuleViolationException(PROBLEM, List.of(new FieldViolation(field, code, arguments)));
    }
}
