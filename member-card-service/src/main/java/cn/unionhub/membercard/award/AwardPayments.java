package cn.unionhub.membercard.award;

import cn.unionhub.events.contest.AwardGranted;
import cn.unionhub.events.contest.ContestPublished;
import cn.unionhub.membercard.award.store.AwardPayouts;
import cn.unionhub.membercard.common.DistrictOffice;
import cn.unionhub.membercard.award.store.AwardPayouts.Payout;
import cn.unionhub.membercard.ledger.LedgerService;
import cn.unionhub.membercard.ledger.domain.AccountKind;
import cn.unionhub.membercard.ledger.domain.LedgerException;
import cn.unionhub.membercard.ledger.domain.Transfer;
import cn.unionhub.membercard.member.domain.Member;
import cn.unionhub.membercard.member.store.Members;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Pays contest prize money (award-granted with an amount) into the winner's welfare account, out of
 * the union fund of the contest's region ({@code fund:<region>}: the office that ran it), exactly once
 * per award. An award is recorded as owed before anything moves; each attempt is its own ledger
 * transfer ({@code award:<award id>:<attempt>}), so an attempt the fund could not cover is refused
 * and a later one, after the office funded the account, pays. A winner not (yet) in the register
 * waits, found by the identity-number hash both services compute, and is tried again daily.
 */
@Service
public class AwardPayments {

    private static final Logger log = LoggerFactory.getLogger(AwardPayments.class);
    static final Duration RETRY_UNFUNDED = Duration.ofHours(1);
    static final Duration RETRY_UNKNOWN = Duration.ofDays(1);

    private final AwardPayouts payouts;
    private final Members members;
    private final LedgerService ledger;
    private final Clock clock;

    AwardPayments(AwardPayouts payouts, Members members, LedgerService ledger, Clock clock) {
        this.payouts = payouts;
        this.members = members;
        this.ledger = ledger;
        this.clock = clock;
    }

    public void published(ContestPublished contest) {
        payouts.office(contest.contestId(), contest.region());
    }

    public void granted(AwardGranted award) {
        if (award.amountFen() <= 0) {
            return;
        }
        Payout owed = new Payout();
        owed.awardId = award.awardId();
        owed.contestId = award.contestId();
        owed.competitorIdHash = award.competitorIdHash();
        owed.amountFen = award.amountFen();
        owed.title = award.title();
        owed.status = "DUE";
        owed.dueSince = clock.instant();
        payouts.owe(owed, clock.instant().plus(Duration.ofSeconds(30)));
        pay(award.awardId());
    }

    /** Tries to pay the award (again); a paid award is left alone. */
    void pay(String awardId) {
        Payout p = payouts.find(awardId).orElse(null);
        if (p == null || "PAID".equals(p.status)) {
            return;
        }
        Instant now = clock.instant();
        Optional<String> region = payouts.regionOf(p.contestId);
        Optional<Member> winner = members.byIdHash(p.competitorIdHash).filter(m -> m.status() == Member.Status.ACTIVE);
        if (region.isEmpty() || winner.isEmpty()) {
            // The contest's publication may still be on its way; the winner may enrol later.
            payouts.record(p, region.isEmpty() ? "DUE" : "MEMBER_UNKNOWN", p.attempt, null, null);
            payouts.retryAt(awardId, now.plus(region.isEmpty() ? Duration.ofMinutes(1) : RETRY_UNKNOWN));
            return;
        }
        int attempt = "UNFUNDED".equals(p.status) ? p.attempt + 1 : p.attempt;
        String reference = "award:" + awardId + ":" + attempt;
        Transfer t;
        try {
            t = ledger.payMember(winner.get().id(), AccountKind.UNION_FUND.accountId(region.get()), p.amountFen, "award", reference);
        } catch (LedgerException.NotFound noFund) {
            t = null;
        }
        if (t != null && t.status() == Transfer.Status.POSTED) {
            payouts.record(p, "PAID", attempt, t.id(), winner.get().id());
            log.info("Award {} paid: {} fen to {}", awardId, p.amountFen, t.creditAccountId());
            return;
        }
        payouts.record(p, "UNFUNDED", attempt, t == null ? null : t.id(), winner.get().id());
        payouts.retryAt(awardId, now.plus(RETRY_UNFUNDED));
        log.warn("Award {} ({} fen) waits: fund:{} {}", awardId, p.amountFen, region.get(), t == null ? "does not exist" : "is short");
    }

    @Scheduled(fixedDelayString = "${unionhub.awards.retry-interval:PT30S}", initialDelayString = "PT30S")
    void retryDue() {
        payouts.retryDue(clock.instant(), this::pay);
    }

    /** A payout as its contest's region union or the city union may see it. */
    public Payout visible(String awardId, Actor actor) {
        Payout p = payouts.find(awardId).orElseThrow(() -> new LedgerException.NotFound("award-payout-not-found", awardId));
        boolean sees = actor.has(Role.ADMIN) || payouts.regionOf(p.contestId).map(r -> DistrictOffice.oversees(actor, r)).orElse(false);
        if (!sees) {
            throw new LedgerException.NotFound("award-payout-not-found", awardId);
        }
        return p;
    }
}
