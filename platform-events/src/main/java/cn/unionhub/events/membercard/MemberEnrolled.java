package cn.unionhub.events.membercard;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;

/**
 * A worker joined a union (入会), or their membership moved (会籍转接) or changed. Carries the
 * membership as it now is, never the member's name, identity number or phone: consumers need to
 * know where a worker belongs, not who they are.
 *
 * @param memberId    the register's member id ({@code M…}), the subject and Kafka key
 * @param account     the worker's sign-in account ({@code sub} of their tokens) once linked, else {@code null}
 * @param idHash      the installation's keyed pseudonym of their identity number ({@code psn_…}, as every service
 *                    derives it from a number it is given: contest-service checks an entry's identity with it); never
 *                    the number. {@code null} in events published before it was added
 * @param union       the grassroots or joint union they belong to
 * @param enterprise  unified social credit code of their employer, when known ({@code null} for many joint-union members)
 * @param district    the county-level division of their union
 * @param workerGroup REGULAR, MIGRANT_WORKER or GIG_WORKER (new-form workers: couriers, delivery riders, drivers)
 * @param status      ACTIVE or LEFT
 * @param revision    1 at enrolment, one more for every later change
 * @param occurredAt  when the register recorded it
 */
@EventContract(type = "cn.unionhub.member-card.member-enrolled.v1", topic = Topics.MEMBER_CARD)
public record MemberEnrolled(String memberId, String account, String idHash, String union, String enterprise, String district,
        String workerGroup, String status, long revision, Instant occurredAt) implements DomainEvent {

    @Override
    public String subject() {
        return memberId;
    }
}
