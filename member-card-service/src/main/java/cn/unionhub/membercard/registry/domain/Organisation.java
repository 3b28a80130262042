package cn.unionhub.membercard.registry.domain;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.membercard.OrganisationClosed;
import cn.unionhub.events.membercard.OrganisationRegistered;
import cn.unionhub.events.membercard.OrganisationUpdated;
import cn.unionhub.membercard.registry.domain.OrganisationKind.Level;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One record of the register: a division, an enterprise or a union. One shape for all kinds keeps
 * one event family and one copy per consumer; the fields a kind does not use are {@code null}.
 *
 * @param id           division code, enterprise USCC, or union id ({@code GH-<enterprise USCC>},
 *                     {@code ZGH-<division code>}, {@code LH-<district>-<number>})
 * @param district     the county-level division it belongs to (a city names its own code)
 * @param parent       the division above a division, the union above a union (a grassroots union's enterprise is in its id)
 * @param level        level of a division or of a division's union
 * @param industry     GB/T 4754 section of an enterprise; for a joint union the trade it covers, free text
 * @param revision     1 when registered, one more for every change; events carry it so copies never regress
 */
public record Organisation(String id, OrganisationKind kind, String name, String district, String parent, Level level,
        String industry, SizeBand sizeBand, String address, Chair chair, Status status, String closedReason,
        long revision) {

    public enum Status {
        ACTIVE, CLOSED
    }

    public Organisation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
    }

    /** A new record at revision 1 and the event announcing it. */
    public Registration register(Instant now) {
        Organisation first = withRevision(1);
        List<DomainEvent> events = first.status == Status.CLOSED
                ? List.of(first.registered(now), new OrganisationClosed(id, kind.name(), district, closedReason, 1, now))
                : List.of(first.registered(now));
        return new Registration(first, events);
    }

    /** A new or changed record and the events it causes. */
    public record Registration(Organisation organisation, List<DomainEvent> events) {
    }

    /**
     * This record changed to {@code proposed}'s facts: the next revision and its event, or empty when
     * nothing differs (re-importing the same file changes nothing and announces nothing).
     */
    public Optional<Registration> changeTo(Organisation proposed, Instant now) {
        if (isDeregistered() && (proposed.status != Status.CLOSED || !isDeregistration(firstNonNull(proposed.closedReason, closedReason)))) {
            // 注销 ends a business for good: a PUT or an import row reopened one, or turned it into 吊销 and then reopened
            // it (exploratory test, 2026-12-05). Its name or address may still be corrected.
            throw new cn.unionhub.platform.domain.ConflictException("enterprise-deregistered", id);
        }
        Organisation next = new Organisation(id, kind, proposed.name, proposed.district, proposed.parent, proposed.level,
                proposed.industry, proposed.sizeBand, proposed.address, proposed.chair == null ? chair : proposed.chair,
                proposed.status, proposed.status == Status.CLOSED ? firstNonNull(proposed.closedReason, closedReason) : null,
                revision);
        if (next.equals(this)) {
            return Optional.empty();
        }
        Organisation changed = next.withRevision(revision + 1);
        DomainEvent event = changed.status == Status.CLOSED && status == Status.ACTIVE
                ? new OrganisationClosed(id, kind.name(), changed.district, changed.closedReason, changed.revision, now)
                : changed.updated(now);
        return Optional.of(new Registration(changed, List.of(event)));
    }

    /** Active again, its closure undone (a union closed with its enterprise, when the enterprise is reopened). */
    public Optional<Registration> reopen(Instant now) {
        if (status == Status.ACTIVE) {
            return Optional.empty();
        }
        return changeTo(new Organisation(id, kind, name, district, parent, level, industry, sizeBand, address, chair,
                Status.ACTIVE, null, revision), now);
    }

    /** What a closure's reason says when the business was deregistered (注销): the one closure never undone. */
    public static final String DEREGISTERED = "注销";

    /**
     * Whether a closure's reason is a deregistration ("注销", "已注销（市场监管局注销登记）") — not "吊销，未注销", the public
     * register's wording for a firm whose licence was revoked but which was never deregistered (it had locked the firm).
     */
    public static boolean isDeregistration(String reason) {
        return reason != null && reason.contains(DEREGISTERED) && !reason.contains("未" + DEREGISTERED);
    }

    /** An enterprise deregistered (注销): closed for good; a business set up again registers with its new code. */
    public boolean isDeregistered() {
        return kind == OrganisationKind.ENTERPRISE && status == Status.CLOSED && isDeregistration(closedReason);
    }

    /**
     * Closing keeps the record: old complaints and cases still name it. Closing twice changes nothing — except that a
     * deregistration (注销) replaces another reason (吊销 first, 注销 later: the later one was dropped).
     */
    public Optional<Registration> close(String reason, Instant now) {
        if (status == Status.CLOSED && !(kind == OrganisationKind.ENTERPRISE && isDeregistration(reason) && !isDeregistered())) {
            return Optional.empty();
        }
        return changeTo(new Organisation(id, kind, name, district, parent, level, industry, sizeBand, address, chair,
                Status.CLOSED, reason, revision), now);
    }

    /** This closed record with another reason for its closure. */
    public Organisation closedBecause(String reason) {
        return new Organisation(id, kind, name, district, parent, level, industry, sizeBand, address, chair, status, reason, revision);
    }

    public boolean isActive() {
        return status == Status.ACTIVE;
    }

    private Organisation withRevision(long r) {
        return new Organisation(id, kind, name, district, parent, level, industry, sizeBand, address, chair, status,
                closedReason, r);
    }

    private OrganisationRegistered registered(Instant now) {
        return new OrganisationRegistered(id, kind.name(), name, district, parent, industry,
                sizeBand == null ? null : sizeBand.name(), level == null ? null : level.name(), status.name(), revision, now);
    }

    private OrganisationUpdated updated(Instant now) {
        return new OrganisationUpdated(id, kind.name(), name, district, parent, industry,
                sizeBand == null ? null : sizeBand.name(), level == null ? null : level.name(), status.name(), revision, now);
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
