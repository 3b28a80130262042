package cn.unionhub.contest.judging.domain;

import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.platform.identity.ChineseIdentifiers;
import java.util.ArrayList;
import java.util.List;

/**
 * The judges assigned to one event: only they score it. A judge taken off the panel scores no more,
 * but what they scored stays on the ledger.
 */
public record JudgePanel(String eventId, List<Judge> judges) {

    public JudgePanel {
        judges = List.copyOf(judges);
    }

    public static JudgePanel empty(String eventId) {
        return new JudgePanel(eventId, List.of());
    }

    public JudgePanel assign(Judge judge) {
        List<FieldViolation> wrong = new ArrayList<>();
        if (judge.id() == null || judge.id().isBlank()) {
            wrong.add(new FieldViolation("id", "required"));
        }
        if (judge.name() == null || judge.name().isBlank()) {
            wrong.add(new FieldViolation("name", "required"));
        }
        if (judge.enterprise() != null && !ChineseIdentifiers.isValidUscc(judge.enterprise())) {
            wrong.add(new FieldViolation("enterprise", "invalid-uscc"));
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-judge", wrong);
        }
        if (find(judge.id()) != null) {
            throw new ConflictException("judge-already-assigned", judge.id(), eventId);
        }
        // One chief judge (裁判长) decides confirmations and corrections: a second would make either's word the panel's.
        Judge chief = judges.stream().filter(Judge::chief).findFirst().orElse(null);
        if (judge.chief() && chief != null) {
            throw new ConflictException("chief-judge-assigned", chief.id(), eventId);
        }
        List<Judge> next = new ArrayList<>(judges);
        next.add(judge);
        return new JudgePanel(eventId, next);
    }

    /** Takes a judge off the panel (a wrong account, one who cannot come); 404 for one not on it. */
    public JudgePanel withdraw(String judgeId) {
        if (find(judgeId) == null) {
            throw new NotFoundException("judge-not-assigned", judgeId, eventId);
        }
        List<Judge> next = new ArrayList<>(judges);
        next.removeIf(j -> j.id().equals(judgeId));
        return new JudgePanel(eventId, next);
    }

    /** The judge, if assigned to this event; a judge of another event may not score it (403). */
    public Judge require(String judgeId) {
        Judge judge = find(judgeId);
        if (judge == null) {
            throw new ForbiddenException("not-a-judge-of-event", eventId);
        }
        return judge;
    }

    private Judge find(String judgeId) {
        return judges.stream().filter(j -> j.id().equals(judgeId)).findFirst().orElse(null);
    }
}
