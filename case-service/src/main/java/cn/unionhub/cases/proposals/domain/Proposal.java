package cn.unionhub.cases.proposals.domain;

import cn.unionhub.cases.casework.domain.CaseHistory;
import cn.unionhub.cases.casework.domain.HistoryEntry;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A member representative's proposal (提案) on the 云履职 model of seed 003, in five steps: online
 * submission → panel review (accept, merge into another proposal, or reject with a reason) →
 * handling by a department → supervision of execution (执行督查) → summary feedback, which the
 * representative then rates. Every step is kept in the same hash-chained record as cases.
 */
public record Proposal(String id, String number, String representative, String representativeName, String district,
        String title, String content, Status status, String department, String mergedInto, String decisionReason,
        String summary, Satisfaction evaluation, Instant submittedAt, Instant reviewedAt, Instant completedAt,
        List<HistoryEntry> history) {

    public static final int MAX_TITLE = 100;
    public static final int MAX_TEXT = 4000;
    private static final Pattern DISTRICT = Pattern.compile("[0-9]{6}");

    public enum Status {
        SUBMITTED, ACCEPTED, MERGED, REJECTED, HANDLING, SUPERVISING, COMPLETED
    }

    public enum Decision {
        ACCEPT, MERGE, REJECT
    }

    public enum Satisfaction {
        SATISFIED, PARTLY_SATISFIED, NOT_SATISFIED
    }

    /** Who acts: an account and the role it acts in. */
    public record By(String who, String role) {
    }

    public static Proposal submit(String id, String number, By representative, String representativeName, String district,
            String title, String content, Instant at) {
        List<FieldViolation> wrong = new ArrayList<>();
        text(wrong, "title", title, MAX_TITLE);
        text(wrong, "content", content, MAX_TEXT);
        if (district == null || !DISTRICT.matcher(district).matches()) {
            wrong.add(new FieldViolation("district", district == null ? "required" : "district-format"));
        }
        if (representativeName != null && representativeName.length() > 50) {
            wrong.add(new FieldViolation("representativeName", "too-long", 50));
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-proposal", wrong);
        }
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        List<HistoryEntry> history = CaseHistory.append(List.of(), now, representative.who(), representative.role(), "SUBMITTED",
                title.strip(), Map.of("district", district), List.of());
        return new Proposal(id, number, representative.who(), representativeName, district, title.strip(), content.strip(),
                Status.SUBMITTED, null, null, null, null, null, now, null, null, history);
    }

    /** Panel review (小组审议): accept, merge into another proposal on the same matter, or reject with a reason. */
    public Proposal review(By panel, Decision decision, String reason, String mergeInto, Instant at) {
        require("review", Status.SUBMITTED);
        List<FieldViolation> wrong = new ArrayList<>();
        if (decision == null) {
            wrong.add(new FieldViolation("decision", "required"));
        }
        if (decision == Decision.REJECT || decision == Decision.MERGE) {
            text(wrong, "reason", reason, MAX_TEXT);
        }
        if (decision == Decision.MERGE && (mergeInto == null || mergeInto.isBlank())) {
            wrong.add(new FieldViolation("mergeInto", "required"));
        } else if (decision == Decision.MERGE && mergeInto.equals(number)) {
            wrong.add(new FieldViolation("mergeInto", "merge-into-itself"));
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-proposal", wrong);
        }
        Status next = switch (decision) {
            case ACCEPT -> Status.ACCEPTED;
            case MERGE -> Status.MERGED;
            case REJECT -> Status.REJECTED;
        };
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        return new Proposal(id, number, representative, representativeName, district, title, content, next, department,
                decision == Decision.MERGE ? mergeInto : null, why, summary, evaluation, submittedAt, now, completedAt,
                append(now, panel, "REVIEWED_" + decision.name(), why == null ? "立案" : why,
                        decision == Decision.MERGE ? Map.of("mergeInto", mergeInto) : Map.of()));
    }

    /** Handling (办理落实): the accepted proposal goes to the department that will carry it out. */
    public Proposal assign(By by, String handlingDepartment, Instant at) {
        require("assign", Status.ACCEPTED);
        List<FieldViolation> wrong = new ArrayList<>();
        text(wrong, "text", handlingDepartment, 100); // the API sends the department as {"text": …}
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-proposal", wrong);
        }
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        return with(Status.HANDLING, handlingDepartment.strip(), summary,
                append(now, by, "ASSIGNED", "交" + handlingDepartment.strip() + "办理", Map.of()));
    }

    /** Progress while it is handled or supervised: added to the record, the status stays. */
    public Proposal progress(By by, String note, Instant at) {
        require("progress", Status.HANDLING, Status.SUPERVISING);
        List<FieldViolation> wrong = new ArrayList<>();
        text(wrong, "text", note, MAX_TEXT);
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-proposal", wrong);
        }
        return with(status, department, summary, append(at.truncatedTo(ChronoUnit.MILLIS), by, "PROGRESS", note.strip(), Map.of()));
    }

    /** Supervision of execution (执行督查): the union checks the department did what it said. */
    public Proposal supervise(By by, String finding, Instant at) {
        require("supervise", Status.HANDLING);
        List<FieldViolation> wrong = new ArrayList<>();
        text(wrong, "text", finding, MAX_TEXT);
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-proposal", wrong);
        }
        return with(Status.SUPERVISING, department, summary,
                append(at.truncatedTo(ChronoUnit.MILLIS), by, "SUPERVISED", finding.strip(), Map.of()));
    }

    /** Summary feedback (总结反馈) to the representative: what was done. */
    public Proposal complete(By by, String result, Instant at) {
        require("complete", Status.SUPERVISING);
        List<FieldViolation> wrong = new ArrayList<>();
        text(wrong, "text", result, MAX_TEXT); // the API sends the summary as {"text": …}
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-proposal", wrong);
        }
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        return new Proposal(id, number, representative, representativeName, district, title, content, Status.COMPLETED,
                department, mergedInto, decisionReason, result.strip(), evaluation, submittedAt, reviewedAt, now,
                append(now, by, "COMPLETED", result.strip(), Map.of()));
    }

    /** The representative rates the result, once. */
    public Proposal evaluate(By by, Satisfaction satisfaction, Instant at) {
        require("evaluate", Status.COMPLETED);
        if (evaluation != null || !by.who().equals(representative)) {
            throw new ConflictException("proposal-illegal-transition", number, status.name(), "evaluate");
        }
        if (satisfaction == null) {
            throw new RuleViolationException("invalid-proposal", List.of(new FieldViolation("satisfaction", "required")));
        }
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        return new Proposal(id, number, representative, representativeName, district, title, content, status, department,
                mergedInto, decisionReason, summary, satisfaction, submittedAt, reviewedAt, completedAt,
                append(now, by, "EVALUATED", satisfaction.name(), Map.of()));
    }

    private Proposal with(Status next, String dept, String result, List<HistoryEntry> h) {
        return new Proposal(id, number, representative, representativeName, district, title, content, next, dept, mergedInto,
                decisionReason, result, evaluation, submittedAt, reviewedAt, completedAt, h);
    }

    private List<HistoryEntry> append(Instant at, By by, String action, String text, Map<String, String> details) {
        return CaseHistory.append(history, at, by.who(), by.role(), action, text, details, List.of());
    }

    private void require(String action, Status... allowed) {
        for (Status s : allowed) {
            if (status == s) {
                return;
            }
        }
        throw new ConflictException("proposal-illegal-transition", number, status.name(), action);
    }

    private static void text(List<FieldViolation> wrong, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            wrong.add(new FieldViolation(field, "required"));
        } else if (value.length() > max) {
            wrong.add(new FieldViolation(field, "too-long", max));
        }
    }
}
