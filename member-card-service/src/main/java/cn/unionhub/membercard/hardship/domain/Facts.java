package cn.unionhub.membercard.hardship.domain;

import static cn.unionhub.membercard.hardship.domain.HardshipRules.invalid;

import cn.unionhub.platform.domain.RuleViolationException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the enterprise union states about the worker's household in an application, for the district
 * union to verify. Sensitive: it stays in member-card-service, shown only to the unions handling the
 * application and to the worker; no event carries any of it.
 *
 * @param onFileNumber  the 困难职工档案 number, when the worker is on file
 * @param householdSize people in the household
 * @param incomes       household income per head, by month (fen)
 * @param cause         why the household is in temporary special hardship, if that is a ground
 * @param note          the union's account of the circumstances
 */
public record Facts(String onFileNumber, boolean pairedSupport, int householdSize, List<MonthlyIncome> incomes,
        HardshipRules.Cause cause, String note) {

    /** Household income per head in one month, in fen. */
    public record MonthlyIncome(YearMonth month, long perHeadFen) {
    }

    /** Every wrong field at once (a form that named only the first left the next for the next try). */
    public Facts {
        List<RuleViolationException.FieldViolation> wrong = new ArrayList<>();
        onFileNumber = onFileNumber == null || onFileNumber.isBlank() ? null : onFileNumber.strip();
        if (onFileNumber != null && !onFileNumber.matches("[\\p{IsHan}A-Za-z0-9-]{1,40}")) {
            wrong.addAll(invalid("onFileNumber", "hardship-on-file-number").violations());
        }
        if (householdSize < 1 || householdSize > 20) {
            wrong.addAll(invalid("householdSize", "hardship-household-size").violations());
        }
        incomes = incomes == null ? List.of() : incomes.stream().sorted(Comparator.comparing(MonthlyIncome::month)).toList();
        if (incomes.size() > 24 || incomes.stream().anyMatch(i -> i.month() == null || i.perHeadFen() < 0)) {
            wrong.addAll(invalid("incomes", "hardship-incomes").violations());
        } else if (incomes.stream().map(MonthlyIncome::month).distinct().count() != incomes.size()) {
            wrong.addAll(invalid("incomes", "hardship-incomes-duplicate-month").violations());
        }
        note = note == null || note.isBlank() ? null : note.strip();
        if (note != null && note.length() > 1000) {
            wrong.addAll(invalid("note", "hardship-note-length", 1000).violations());
        }
        if (onFileNumber == null && !pairedSupport && incomes.isEmpty() && cause == null) {
            wrong.addAll(invalid("grounds", "hardship-no-ground").violations());
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("hardship-invalid-request", wrong);
        }
    }

    /** Incomes must be of months already over when the application is made. */
    public Facts checkedAt(YearMonth applied) {
        if (incomes.stream().anyMatch(i -> !i.month().isBefore(applied))) {
            throw invalid("incomes", "hardship-incomes-future", applied);
        }
        return this;
    }
}
