package cn.unionhub.contest.certificate.domain;

import cn.unionhub.contest.award.domain.Award;
import cn.unionhub.contest.common.domain.Texts;
import cn.unionhub.contest.contest.domain.Contest;
import cn.unionhub.contest.craftsman.domain.CraftsmanBatch;
import cn.unionhub.contest.craftsman.domain.Nomination;
import cn.unionhub.events.contest.CertificateIssued;
import cn.unionhub.contest.registration.domain.Registration;
import cn.unionhub.contest.results.domain.EventResults;
import cn.unionhub.events.DomainEvent;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate (获奖证书, 工匠证书) issued for a final award or a conferred title, verifiable by
 * anyone who holds the paper: its number and verification code. A certificate found wrongly issued
 * is revoked with a reason, never deleted, so a check of the paper says so.
 *
 * @param code       the verification code ({@link VerificationCode}); never in events or logs
 * @param holderName as printed
 * @param holderIdHash the holder's keyed id-number hash
 * @param title      what it certifies, e.g. 河北省技术能手
 * @param issuedFor  the contest and event, or the batch, as printed: 2025年河北省职工职业技能大赛 焊工 第1名
 * @param awardedFor the registration or nomination it was issued for
 */
public record Certificate(CertificateNumber number, String code, String holderName, String holderIdHash, String title,
        String issuedFor, String awardedFor, Instant issuedAt, Revocation revocation) {

    public record Revocation(String reason, String by, Instant at) {
    }

    /** A changed certificate and the events its change caused. */
    public record Changed(Certificate certificate, List<DomainEvent> events) {
    }

    /** What a public check answers. */
    public enum Outcome {
        /** Number and code match, and the certificate stands. */
        VALID,
        /** Number and code match, but the certificate was revoked. */
        REVOKED,
        /** The code does not match: answered exactly like an unknown number, so neither can be probed. */
        NO_MATCH
    }

    /** The answer to a public check; what the paper says, shown only to someone who holds its code. */
    public record Check(Outcome outcome, String number, String holderName, String title, String issuedFor, Instant issuedAt,
            Instant revokedAt) {

        static Check noMatch() {
            return new Check(Outcome.NO_MATCH, null, null, null, null, null, null);
        }
    }

    /**
     * The certificate of an award of final results (not of results still on notice), numbered in the
     * contest's tier, region and year.
     *
     * @param sequence the next number of the caller's counter for JS certificates of this tier, region and year
     */
    public static Changed forAward(long sequence, String code, Contest contest, EventResults results, Award award,
            Registration holder, Instant at) {
        if (results.status() != EventResults.Status.FINAL) {
            throw new ConflictException("results-not-final", results.eventId());
        }
        if (!results.awards().awards().contains(award) || !award.registrationId().equals(holder.id())
                || !contest.id().equals(results.contestId())) {
            throw new IllegalArgumentException("award " + award.id() + " is not one of these final results");
        }
        String occupation = contest.event(results.eventId()).occupationName();
        return issue(CertificateNumber.of(CertificateNumber.Kind.JS, contest.tier(), contest.region(), contest.year(), sequence), code,
                holder.competitor().name(), holder.competitor().idHash(), award.title(),
                contest.name() + " " + occupation + " 第" + award.rank() + "名", holder.id(), at);
    }

    /** The certificate of a conferred craftsman title, numbered in the batch's tier, region and year. */
    public static Changed forTitle(long sequence, String code, CraftsmanBatch batch, Nomination.Conferred conferred, Instant at) {
        if (!conferred.facts().batchId().equals(batch.id())) {
            throw new IllegalArgumentException("nomination " + conferred.id() + " is not of batch " + batch.id());
        }
        Nomination.Nominee nominee = conferred.facts().nominee();
        return issue(CertificateNumber.of(CertificateNumber.Kind.GJ, batch.tier(), batch.region(), batch.year(), sequence), code,
                nominee.name(), nominee.idHash(), conferred.title(), batch.title() + " " + nominee.occupation(), conferred.id(), at);
    }

    public static Changed issue(CertificateNumber number, String code, String holderName, String holderIdHash, String title,
            String issuedFor, String awardedFor, Instant at) {
        List<FieldViolation> wrong = new ArrayList<>();
        if (!VerificationCode.isWellFormed(code)) {
            wrong.add(new FieldViolation("code", "invalid"));
        }
        for (String[] field : new String[][] {{"holderName", holderName}, {"title", title}, {"issuedFor", issuedFor},
                {"awardedFor", awardedFor}}) {
            if (field[1] == null || field[1].isBlank()) {
                wrong.add(new FieldViolation(field[0], "required"));
            }
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-certificate", wrong);
        }
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        Certificate issued = new Certificate(number, code, holderName.strip(), holderIdHash, title.strip(), issuedFor.strip(),
                awardedFor, now, null);
        return new Changed(issued, List.of(new CertificateIssued(number.value(), awardedFor, issued.title, now)));
    }

    /** The public check of a certificate by its code, compared in constant time. */
    public Check check(String typedCode) {
        if (!VerificationCode.matches(code, typedCode)) {
            return Check.noMatch();
        }
        return new Check(revocation == null ? Outcome.VALID : Outcome.REVOKED, number.value(), holderName, title, issuedFor,
                issuedAt, revocation == null ? null : revocation.at());
    }

    public Certificate revoke(String reason, String by, Instant at) {
        if (revocation != null) {
            throw new ConflictException("certificate-revoked", number.value());
        }
        return new Certificate(number, code, holderName, holderIdHash, title, issuedFor, awardedFor, issuedAt,
                new Revocation(Texts.reason(reason), by, at.truncatedTo(ChronoUnit.MILLIS)));
    }
}
