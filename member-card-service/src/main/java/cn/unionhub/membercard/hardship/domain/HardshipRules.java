package cn.unionhub.membercard.hardship.domain;

import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The city's rules for the 特困职工证, kept as data the city union edits (a new version each time),
 * never as code: the local minimum living standard changes every year, and a city may widen the causes.
 * An application is judged by the version in force when it is submitted and again when it is decided.
 *
 * <p>The grounds follow 临沂's rules (seed 000): a worker on file as a hardship worker, or paired for
 * support, or whose household income per head was below the local minimum in each of the last six
 * full months, or only slightly above it because of illness, schooling, a disaster or an accident.
 *
 * @param minimumLivingFen   当地最低生活保障标准, fen per person per month
 * @param lowIncome          the test of 连续6个月以上家庭人均收入低于当地最低生活保障标准
 * @param nearMinimum        the test of 略高于 (with one of {@code causes})
 * @param validityMonths     how long a certificate (or its renewal) holds
 * @param renewalWindowDays  how long before expiry the annual review may be asked for
 */
public record HardshipRules(int version, long minimumLivingFen, IncomeTest lowIncome, IncomeTest nearMinimum, Set<Cause> causes,
        int validityMonths, int renewalWindowDays, List<Concession> concessions, Instant setAt, String setBy) {

    /** The grounds a certificate may be granted on. */
    public enum Ground {
        /** 在档困难职工: on the union's hardship file (its file number given). */
        ON_FILE,
        /** 结对帮扶职工: paired with a supporter. */
        PAIRED_SUPPORT,
        /** Household income per head below the local minimum in every one of the last months. */
        LOW_INCOME,
        /** Slightly above the minimum, but in temporary special hardship for one of the causes. */
        NEAR_MINIMUM_WITH_CAUSE
    }

    /** 患病、子女上学、自然灾害、重大交通事故. */
    public enum Cause {
        ILLNESS, SCHOOLING, DISASTER, ACCIDENT
    }

    /**
     * Income per head in each of the {@code months} full months before the month of application
     * below {@code ceilingPercent} % of the local minimum.
     */
    public record IncomeTest(int months, int ceilingPercent) {

        public IncomeTest {
            if (months < 1 || months > 24 || ceilingPercent < 1 || ceilingPercent > 500) {
                throw invalid("rules", "hardship-rules-income-test");
            }
        }

        boolean passes(Map<YearMonth, Long> incomes, YearMonth applied, long minimumFen) {
            for (int back = 1; back <= months; back++) {
                Long perHead = incomes.get(applied.minusMonths(back));
                if (perHead == null || perHead * 100 >= minimumFen * ceilingPercent) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * A concession the certificate unlocks (水、电、暖、燃气、就业、教育、住房、医疗 …) and who grants it.
     * Some are an amount off per unit (heating: 5 yuan per m²), which a provider's window can have
     * worked out; the others are described only.
     */
    public record Concession(String id, String category, String provider, String name, String nameEn, Long discountFenPerUnit,
            String unit) {

        public Concession {
            if (id == null || !id.matches("[a-z][a-z0-9-]{1,39}") || blank(category) || blank(provider) || blank(name)) {
                throw invalid("concessions", "hardship-rules-concession", id);
            }
            if (discountFenPerUnit != null && (discountFenPerUnit <= 0 || blank(unit))) {
                throw invalid("concessions", "hardship-rules-concession", id);
            }
        }

        /** The amount off {@code quantity} units at {@code priceFenPerUnit}: never more than the price. */
        public long discountFen(long quantity, long priceFenPerUnit) {
            if (discountFenPerUnit == null) {
                throw new RuleViolationException("hardship-invalid-request",
                        List.of(new FieldViolation("concession", "hardship-concession-not-priced", id)));
            }
            return Math.multiplyExact(Math.min(discountFenPerUnit, priceFenPerUnit), quantity);
        }
    }

    /** What the rules found in an application: the grounds met, and for each claimed ground not met, why. */
    public record Evaluation(int rulesVersion, List<Ground> met, List<Ground> unmet) {

        public boolean eligible() {
            return !met.isEmpty();
        }
    }

    public HardshipRules {
        if (version < 1 || minimumLivingFen <= 0 || lowIncome == null || nearMinimum == null || validityMonths < 1
                || validityMonths > 36 || renewalWindowDays < 0 || renewalWindowDays > 180) {
            throw invalid("rules", "hardship-rules-invalid");
        }
        // In the enum's order, so every answer lists them the same way (Set.copyOf's order changes from run to run).
        causes = causes == null || causes.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(causes));
        concessions = List.copyOf(concessions == null ? List.of() : concessions);
        if (concessions.stream().map(Concession::id).distinct().count() != concessions.size()) {
            throw invalid("concessions", "hardship-rules-concession-duplicate");
        }
    }

    /** The next version of the rules, as the city union set it. */
    public HardshipRules next(long minimumLivingFen, IncomeTest lowIncome, IncomeTest nearMinimum, Set<Cause> causes,
            int validityMonths, int renewalWindowDays, List<Concession> concessions, Instant at, String by) {
        return new HardshipRules(version + 1, minimumLivingFen, lowIncome, nearMinimum, causes, validityMonths,
                renewalWindowDays, concessions, at, by);
    }

    /**
     * Judges the facts of an application submitted in month {@code applied} (Asia/Shanghai). Every
     * ground the facts speak for is tried; the application is eligible when one is met.
     */
    public Evaluation evaluate(Facts facts, YearMonth applied) {
        Map<YearMonth, Long> incomes = facts.incomes().stream()
                .collect(Collectors.toMap(Facts.MonthlyIncome::month, Facts.MonthlyIncome::perHeadFen));
        List<Ground> met = new ArrayList<>();
        List<Ground> unmet = new ArrayList<>();
        judge(Ground.ON_FILE, facts.onFileNumber() != null, f -> true, facts, met, unmet);
        judge(Ground.PAIRED_SUPPORT, facts.pairedSupport(), f -> true, facts, met, unmet);
        judge(Ground.LOW_INCOME, !incomes.isEmpty(), f -> lowIncome.passes(incomes, applied, minimumLivingFen), facts, met, unmet);
        judge(Ground.NEAR_MINIMUM_WITH_CAUSE, facts.cause() != null,
                f -> causes.contains(f.cause()) && nearMinimum.passes(incomes, applied, minimumLivingFen), facts, met, unmet);
        return new Evaluation(version, List.copyOf(met), List.copyOf(unmet));
    }

    public Optional<Concession> concession(String id) {
        return concessions.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    private static void judge(Ground ground, boolean claimed, Predicate<Facts> test, Facts facts,
            List<Ground> met, List<Ground> unmet) {
        if (claimed) {
            (test.test(facts) ? met : unmet).add(ground);
        }
    }

    static RuleViolationException invalid(String field, String code, Object... arguments) {
        return new RuleViolationException("hardship-invalid-request", List.of(new FieldViolation(field, code, arguments)));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
