package cn.unionhub.events.membercard;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;
import java.util.List;

/**
 * The ledger's daily reconciliation ran. {@code clean} is true only when every invariant held: each
 * journal numbered without gaps, each balance equal to the fold of its lines, no account that may not
 * be overdrawn below zero, and all accounts summing to zero (debits equal credits) with nothing in
 * flight. Totals only: no member, no amount per person.
 *
 * @param runId         one id per run (a run repeated for the same day has a new id)
 * @param businessDate  the Asia/Shanghai date the run belongs to
 * @param accounts      accounts checked
 * @param entries       journal lines checked
 * @param inFlight      transfer reminders that came due and were run first (each finishes its transfer if a crash cut it off)
 * @param violations    each broken invariant: its rule and the account (or {@code ledger}), e.g. {@code journal-gap wallet:M…}
 */
@EventContract(type = "cn.unionhub.member-card.ledger-reconciled.v1", topic = Topics.LEDGER)
public record LedgerReconciled(String runId, String businessDate, boolean clean, long accounts, long entries,
        long inFlight, List<String> violations, Instant startedAt, Instant finishedAt) implements DomainEvent {

    public LedgerReconciled {
        violations = List.copyOf(violations);
    }

    @Override
    public String subject() {
        return "ledger";
    }
}
