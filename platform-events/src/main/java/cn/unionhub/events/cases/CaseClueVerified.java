package cn.unionhub.events.cases;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * What checking a public-opinion clue (舆情核实) found. A clue counts for the risk of its enterprise
 * only in part until it is confirmed.
 *
 * @param caseId     aggregate id
 * @param caseNumber human-readable number
 * @param enterprise      unified social credit code of the enterprise the clue concerns
 * @param enterpriseName  its name as the clue gave it
 * @param district        district code
 * @param category        what the clue is about (e.g. WAGES_ARREARS)
 * @param workersAffected workers concerned as the clue reported them, if known
 * @param amountOwedFen   wages owed as the clue reported them, in fen, if known
 * @param finding         CONFIRMED, PARTLY_CONFIRMED or UNFOUNDED
 * @param verifiedAt      when
 */
@EventContract(type = "cn.unionhub.case.clue-verified.v1", topic = Topics.CASE)
public record CaseClueVerified(String caseId, String caseNumber, String enterprise, String enterpriseName, String district,
        String category, Integer workersAffected, Long amountOwedFen, String finding, Instant verifiedAt)
        implements DomainEvent {

    @Override
    public String subject() {
        return caseId;
    }
}
