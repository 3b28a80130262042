package cn.unionhub.events.membercard;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * An employer's payroll batch was paid out of its escrow (民工惠): totals only — no worker, no ID
 * number, no amount per person.
 *
 * @param employer     the employer's unified social credit code
 * @param paidLines    lines paid into members' welfare accounts
 * @param suspenseLines lines whose worker is not (yet) a member: parked in the district's suspense account
 */
@EventContract(type = "cn.unionhub.member-card.payroll-disbursed.v1", topic = Topics.LEDGER)
public record PayrollDisbursed(String batchId, String employer, String district, String transferId, int paidLines, long paidFen,
        int suspenseLines, long suspenseFen, Instant occurredAt) implements DomainEvent {

    @Override
    public String subject() {
        return employer;
    }
}
