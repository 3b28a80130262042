package cn.unionhub.membercard.hardship.domain;

import static cn.unionhub.membercard.hardship.domain.HardshipRules.invalid;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.membercard.HardshipCertificateIssued;
import cn.unionhub.events.membercard.HardshipCertificateRevoked;
import cn.unionhub.membercard.hardship.domain.HardshipRules.Evaluation;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One member's 特困职工证 file: every application made for them, oldest first, and the certificate
 * they hold, if any. One document per member, so "one application at a time" and "one certificate per
 * member" hold by a single compare-and-set, without transactions.
 *
 * <p>The procedure (seed 000, 临沂): the enterprise union applies for its member ({@code SUBMITTED});
 * the district union verifies the facts ({@code VERIFIED}) or returns them with a reason
 * ({@code RETURNED}, and the enterprise union amends and submits again); the city union decides
 * ({@code ISSUED} or {@code REFUSED} with a reason). A certificate holds for the rules' validity; the
 * annual review is an application of kind {@code RENEWAL} through the same steps, which extends it.
 * The city union may revoke a certificate at any time, with a reason.
 */
public record HardshipFile(String memberId, String district, String enterprise, List<Application> applications,
        Certificate certificate) {

    public enum Kind {
        NEW, RENEWAL
    }

    public enum Status {
        SUBMITTED, RETURNED, VERIFIED, ISSUED, REFUSED;

        boolean open() {
            return this == SUBMITTED || this == RETURNED || this == VERIFIED;
        }
    }

    /** One thing done to an application: what, by whom, when, and the reason where one is owed. */
    public record Step(String action, String by, Instant at, String reason) {
    }

    /** @param id {@code <member id>-<no>} */
    public record Application(String id, int no, Kind kind, Facts facts, Evaluation evaluation, Status status, String reason,
            Instant submittedAt, String submittedBy, List<Step> steps) {

        public Application {
            steps = List.copyOf(steps);
        }

        Application moved(Status to, Facts newFacts, Evaluation newEvaluation, String why, Step step) {
            List<Step> all = new ArrayList<>(steps);
            all.add(step);
            return new Application(id, no, kind, newFacts, newEvaluation, to, why, submittedAt, submittedBy, all);
        }
    }

    public enum CertificateStatus {
        VALID, EXPIRED, REVOKED
    }

    /** @param validUntil the last day it holds, in Asia/Shanghai */
    public record Certificate(String number, Instant issuedAt, LocalDate validUntil, int renewals, Instant revokedAt,
            String revokedBy, String revokeReason) {

        public CertificateStatus status(LocalDate today) {
            if (revokedAt != null) {
                return CertificateStatus.REVOKED;
            }
            return today.isAfter(validUntil) ? CertificateStatus.EXPIRED : CertificateStatus.VALID;
        }
    }

    /** The file after a step, and the events the step caused (none for steps that stay inside the unions). */
    public record Changed(HardshipFile file, List<DomainEvent> events) {
    }

    public HardshipFile {
        Objects.requireNonNull(memberId, "memberId");
        applications = List.copyOf(applications);
    }

    /**
     * The file where its member is now: a file follows its member to another union, so the union and
     * district they left no longer read or act on their applications, and the new ones do.
     */
    public HardshipFile placedAt(String district, String enterprise) {
        return Objects.equals(district, this.district) && Objects.equals(enterprise, this.enterprise) ? this
                : new HardshipFile(memberId, district, enterprise, applications, certificate);
    }

    public static HardshipFile open(String memberId, String district, String enterprise) {
        return new HardshipFile(memberId, district, enterprise, List.of(), null);
    }

    public static String applicationId(String memberId, int no) {
        return memberId + "-" + no;
    }

    /** The member id of an application id; empty when it is not one. */
    public static Optional<String> memberOf(String applicationId) {
        int dash = applicationId == null ? -1 : applicationId.lastIndexOf('-');
        return dash > 0 && applicationId.substring(dash + 1).matches("[1-9][0-9]{0,3}")
                ? Optional.of(applicationId.substring(0, dash)) : Optional.empty();
    }

    public Optional<Application> current() {
        return applications.isEmpty() ? Optional.empty() : Optional.of(applications.get(applications.size() - 1));
    }

    public Application application(String id) {
        return applications.stream().filter(a -> a.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("hardship-application-not-found", id));
    }

    /**
     * An application for the member: a new certificate, or — when one is held and its annual review is
     * due — its renewal. Only one application is open at a time, and only an eligible one is accepted.
     */
    public Changed apply(Facts facts, Evaluation evaluation, HardshipRules rules, LocalDate today, Instant now, String by) {
        current().filter(a -> a.status().open()).ifPresent(a -> {
            throw new ConflictException("hardship-application-open", a.id());
        });
        Kind kind = Kind.NEW;
        if (certificate != null && certificate.status(today) == CertificateStatus.VALID) {
            LocalDate reviewFrom = certificate.validUntil().minusDays(rules.renewalWindowDays());
            if (today.isBefore(reviewFrom)) {
                throw new ConflictException("hardship-certificate-valid", certificate.number(), certificate.validUntil(), reviewFrom);
            }
            kind = Kind.RENEWAL;
        }
        requireEligible(evaluation);
        int no = applications.size() + 1;
        List<Application> all = new ArrayList<>(applications);
        all.add(new Application(applicationId(memberId, no), no, kind, facts, evaluation, Status.SUBMITTED, null, now, by,
                List.of(new Step("SUBMITTED", by, now, null))));
        return new Changed(with(all, certificate), List.of());
    }

    /** The district union's verification: the facts hold (VERIFIED), or they go back with a reason (RETURNED). */
    public Changed verify(String applicationId, boolean verified, String reason, Instant now, String by) {
        Application a = application(applicationId);
        Status to = verified ? Status.VERIFIED : Status.RETURNED;
        if (a.status() == to && (verified || Objects.equals(a.reason(), reason))) {
            return new Changed(this, List.of()); // the same verification again
        }
        requireStatus(a, Status.SUBMITTED);
        String why = verified ? null : required(reason);
        return new Changed(replace(a.moved(to, a.facts(), a.evaluation(), why, new Step(to.name(), by, now, why))), List.of());
    }

    /** The enterprise union's amended facts for a returned application. */
    public Changed resubmit(String applicationId, Facts facts, Evaluation evaluation, Instant now, String by) {
        Application a = application(applicationId);
        requireStatus(a, Status.RETURNED);
        requireEligible(evaluation);
        return new Changed(replace(a.moved(Status.SUBMITTED, facts, evaluation, null, new Step("RESUBMITTED", by, now, null))),
                List.of());
    }

    /**
     * The city union's decision on a verified application. Issuing judges the facts again by the rules in
     * force now; a new certificate takes the number {@code numbers} gives, a renewal keeps its number and
     * holds {@code validityMonths} past the day the old one ends. The same decision again changes nothing.
     */
    public Changed decide(String applicationId, boolean issue, String reason, Evaluation evaluation, HardshipRules rules,
            Supplier<String> numbers, LocalDate today, Instant now, String by) {
        Application a = application(applicationId);
        if (a.status() == Status.ISSUED && issue || a.status() == Status.REFUSED && !issue && Objects.equals(a.reason(), reason)) {
            return new Changed(this, List.of());
        }
        if (a.status() == Status.ISSUED || a.status() == Status.REFUSED) {
            throw new ConflictException("hardship-already-decided", a.id(), a.status());
        }
        requireStatus(a, Status.VERIFIED);
        if (!issue) {
            String why = required(reason);
            return new Changed(replace(a.moved(Status.REFUSED, a.facts(), a.evaluation(), why, new Step("REFUSED", by, now, why))),
                    List.of());
        }
        requireEligible(evaluation);
        Certificate issued;
        if (a.kind() == Kind.RENEWAL) {
            if (certificate == null || certificate.revokedAt() != null) {
                throw new ConflictException("hardship-certificate-revoked", certificate == null ? a.id() : certificate.number());
            }
            LocalDate from = certificate.validUntil().isBefore(today) ? today.minusDays(1) : certificate.validUntil();
            issued = new Certificate(certificate.number(), certificate.issuedAt(), from.plusMonths(rules.validityMonths()),
                    certificate.renewals() + 1, null, null, null);
        } else {
            issued = new Certificate(numbers.get(), now, today.plusMonths(rules.validityMonths()).minusDays(1), 0, null, null, null);
        }
        Application decided = a.moved(Status.ISSUED, a.facts(), evaluation, reason == null || reason.isBlank() ? null : reason.strip(),
                new Step("ISSUED", by, now, null));
        HardshipFile next = replace(decided).with(null, issued);
        return new Changed(next, List.of(new HardshipCertificateIssued(issued.number(), memberId, district,
                issued.validUntil().toString(), a.kind() == Kind.RENEWAL, now)));
    }

    /**
     * The city union revokes the certificate (circumstances improved, left the union, facts found false):
     * an open annual review ends with it. Revoking again changes nothing.
     */
    public Changed revoke(String reason, Instant now, String by) {
        if (certificate == null) {
            throw new NotFoundException("hardship-certificate-not-found", memberId);
        }
        if (certificate.revokedAt() != null) {
            return new Changed(this, List.of());
        }
        String why = required(reason);
        List<Application> all = new ArrayList<>(applications);
        current().filter(a -> a.status().open()).ifPresent(open -> all.set(all.size() - 1,
                open.moved(Status.REFUSED, open.facts(), open.evaluation(), why, new Step("REFUSED", by, now, why))));
        Certificate revoked = new Certificate(certificate.number(), certificate.issuedAt(), certificate.validUntil(),
                certificate.renewals(), now, by, why);
        return new Changed(with(all, revoked), List.of(new HardshipCertificateRevoked(certificate.number(), memberId, district, now)));
    }

    private HardshipFile replace(Application changed) {
        List<Application> all = new ArrayList<>(applications);
        all.replaceAll(a -> a.id().equals(changed.id()) ? changed : a);
        return with(all, certificate);
    }

    private HardshipFile with(List<Application> all, Certificate cert) {
        return new HardshipFile(memberId, district, enterprise, all == null ? applications : all, cert);
    }

    private static void requireStatus(Application a, Status expected) {
        if (a.status() != expected) {
            throw new ConflictException("hardship-application-status", a.id(), a.status(), expected);
        }
    }

    private static void requireEligible(Evaluation evaluation) {
        if (!evaluation.eligible()) {
            List<FieldViolation> why = evaluation.unmet().isEmpty()
                    ? List.of(new FieldViolation("grounds", "hardship-no-ground"))
                    : evaluation.unmet().stream().map(g -> new FieldViolation("grounds", "hardship-ground-unmet-" + g.name())).toList();
            throw new RuleViolationException("hardship-not-eligible", why);
        }
    }

    private static String required(String reason) {
        if (reason == null || reason.isBlank()) {
            throw invalid("reason", "hardship-reason-required");
        }
        if (reason.length() > 500) {
            throw invalid("reason", "hardship-note-length", 500);
        }
        return reason.strip();
    }
}
