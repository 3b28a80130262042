package cn.unionhub.events.cases;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * A case (工单) was opened for something that needs handling.
 *
 * @param caseId         aggregate id (subject and key)
 * @param caseNumber     human-readable number, e.g. {@code GD-20261121-7KQM3X}
 * @param source         FEEDBACK, HOTLINE_12351, SUPERVISION or PUBLIC_OPINION
 * @param feedbackId     the feedback item it came from, if any
 * @param trackingNumber the worker's tracking number, if it came from feedback
 * @param category       feedback category, e.g. WAGES_ARREARS
 * @param enterprise     unified social credit code of the enterprise concerned
 * @param district       administrative division code
 * @param enterpriseName the enterprise's name, when known
 * @param channel        how it reached the union, e.g. MINI_PROGRAM, HOTLINE_12351, SUPERIOR_ASSIGNMENT, MEDIA
 * @param workerGroup    GIG_WORKER, MIGRANT_WORKER or REGULAR, when known
 * @param priority       GREEN_CHANNEL for key groups (gig and migrant workers), URGENT for urgent assignments, otherwise NORMAL
 * @param amountOwedFen  wages owed as reported, in fen (wage-arrears cases), if known
 * @param workersAffected how many workers are concerned, if known
 * @param openedAt       when it was opened
 */
@EventContract(type = "cn.unionhub.case.opened.v1", topic = Topics.CASE)
public record CaseOpened(String caseId, String caseNumber, String source, String feedbackId, String trackingNumber,
        String category, String enterprise, String district, String enterpriseName, String channel, String workerGroup,
        String priority, Long amountOwedFen, Integer workersAffected, Instant openedAt) implements DomainEvent {

    @Override
    public String subject() {
        return caseId;
    }
}
