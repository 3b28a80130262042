package cn.unionhub.membercard.coupon;

import cn.unionhub.membercard.member.domain.Member;
import cn.unionhub.membercard.member.store.Members;
import cn.unionhub.membercard.common.StoredTime;
import cn.unionhub.membercard.common.DistrictOffice;
import cn.unionhub.membercard.card.PayCodeService;
import cn.unionhub.membercard.coupon.domain.Campaign;
import cn.unionhub.membercard.coupon.domain.Redemption;
import cn.unionhub.membercard.coupon.store.Campaigns;
import cn.unionhub.membercard.coupon.store.Redemptions;
import cn.unionhub.membercard.ledger.domain.Ledger;
import cn.unionhub.membercard.ledger.domain.LedgerException;
import cn.unionhub.membercard.ledger.domain.Transfer;
import cn.unionhub.membercard.ledger.domain.TransferRequest;
import cn.unionhub.membercard.merchant.MerchantService;
import cn.unionhub.membercard.merchant.domain.Merchant;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * Coupons at the till: the member shows their member service card and its pay code (付款码, see
 * {@link PayCodeService}: the card number alone is no consent); the till quotes, then holds the
 * discount on the member's coupon (it lapses after {@link #HOLD}), then posts it once the member has
 * paid the rest — or cancels. The till's order number is the key of all three, so a till that
 * retries (a lost answer, a double tap) changes nothing. A refund is a transfer back.
 */
@Service
public class RedemptionService {

    /** How long a held discount waits for the member to pay the rest. */
    public static final Duration HOLD = Duration.ofMinutes(5);
    private static final String SCOPE = "reference";

    /** What the till shows before it holds anything. */
    public record Quote(String campaignId, String campaignName, long spendFen, long discountFen, long payFen, long couponLeftFen) {
    }

    private final MerchantService merchants;
    private final CampaignService campaignService;
    private final Campaigns campaigns;
    private final Redemptions redemptions;
    private final PayCodeService payCodes;
    private final Ledger ledger;
    private final Clock clock;
    /** Refused refund tries kept before asking again is refused too (a till retrying in a loop). */
    static final int MAX_REFUND_TRIES = 50;
    private final Members members;
    private final cn.unionhub.membercard.ledger.store.RepaymentsDue repaymentsDue;

    RedemptionService(MerchantService merchants, CampaignService campaignService, Campaigns campaigns, Redemptions redemptions,
            PayCodeService payCodes, Ledger ledger, Clock clock, Members members, cn.unionhub.membercard.ledger.store.RepaymentsDue repaymentsDue) {
        this.members = members;
        this.repaymentsDue = repaymentsDue;
        this.merchants = merchants;
        this.campaignService = campaignService;
        this.campaigns = campaigns;
        this.redemptions = redemptions;
        this.payCodes = payCodes;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** What the coupon would pay; the code is checked but stays usable for the redemption. */
    public Quote quote(String merchantId, String cardNumber, String payCode, long spendFen, String campaignId, Actor till) {
        Merchant merchant = merchants.tillOf(merchantId, till);
        String memberId = payCodes.consentingMember(cardNumber, payCode, merchantId, null);
        List<Campaign> usable = inOrderOfUse(campaignsFor(memberId, merchant, named(campaignId)), memberId, spendFen);
        String today = today();
        // The coupon the redemption would use: the first whose day is not used up (a lapsed hold gives its place back).
        Campaign campaign = usable.stream().filter(c -> !campaigns.usedUpOn(c.id(), memberId, today, c.redemptionsPerDay())
                || lapsedHoldsReleased(c, memberId, today)).findFirst().orElseThrow(() -> dailyLimit(usable));
        long left = couponLeft(campaign, memberId);
        long discount = campaign.rule().discount(spendFen, left);
        return new Quote(campaign.id(), campaign.name(), spendFen, discount, spendFen - discount, left);
    }

    /** A till's empty campaign field names none ({@code "campaignId":""} was looked up as a campaign called ""). */
    private static String named(String campaignId) {
        return campaignId == null || campaignId.isBlank() ? null : campaignId.strip();
    }

    /**
     * The usable coupons in the order a redemption tries them: those that take something off this purchase first, each
     * group soonest-ending first. A 满100减10 coupon ending sooner was chosen for 80 yuan and gave nothing while the member's
     * 满50减10 would have given 10 (exploratory test, 2026-12-05).
     */
    private List<Campaign> inOrderOfUse(List<Campaign> usable, String memberId, long spendFen) {
        if (usable.size() < 2) {
            return usable;
        }
        List<Campaign> giving = new java.util.ArrayList<>();
        List<Campaign> rest = new java.util.ArrayList<>();
        for (Campaign c : usable) {
            (c.rule().discount(spendFen, couponLeft(c, memberId)) > 0 ? giving : rest).add(c);
        }
        giving.addAll(rest);
        return giving;
    }

    /** Every coupon the member could use here has used its day: said with the limit when there is one coupon. */
    private static LedgerException.Refused dailyLimit(List<Campaign> usable) {
        return usable.size() == 1 ? new LedgerException.Refused("coupon-daily-limit", usable.get(0).redemptionsPerDay())
                : new LedgerException.Refused("coupon-daily-limits", usable.size());
    }

    /**
     * Ends the member's orders of the day on this campaign whose 5-minute hold lapsed unpaid (the ledger returned their
     * discount), giving their places back: an unpaid order kept its place until someone read it, and the member was told
     * the day was used (exploratory test, 2026-12-05). A few key reads: the day's counter names its orders.
     */
    private boolean lapsedHoldsReleased(Campaign campaign, String memberId, String day) {
        boolean released = false;
        Instant now = StoredTime.now(clock);
        for (String orderId : campaigns.ordersCounted(campaign.id(), memberId, day)) {
            Redemption r = redemptions.find(orderId).orElse(null);
            if (r != null && r.status() == Redemption.Status.HELD && !now.isBefore(r.createdAt().plus(HOLD))) {
                Transfer hold = ledger.wake(r.holdId());
                if (hold != null && hold.status() == Transfer.Status.EXPIRED) {
                    released |= end(r, Redemption.Status.REJECTED, Transfer.HOLD_EXPIRED).status() == Redemption.Status.REJECTED;
                }
            }
        }
        return released;
    }

    /**
     * Holds the discount for the order; the same order again answers as the first time, without its
     * code (a till retrying after the code's 30 seconds still learns how its order ended).
     */
    public Redemption redeem(String merchantId, String orderNo, String cardNumber, String payCode, long spendFen, String campaignIdGiven,
            Actor till) {
        String campaignId = named(campaignIdGiven);
        Merchant merchant = merchants.tillOf(merchantId, till);
        String id = Redemption.idOf(merchantId, orderNo);
        var earlier = redemptions.find(id);
        if (earlier.isPresent()) {
            // Another card, or none usable, answers alike (409 ledger-key-reused): no code was shown, so nothing about cards shows.
            return replay(earlier.get(), payCodes.memberOfUsableCard(cardNumber).orElse("-"), spendFen, campaignId);
        }
        String memberId = payCodes.consentingMember(cardNumber, payCode, merchantId, id);
        List<Campaign> usable = inOrderOfUse(campaignsFor(memberId, merchant, campaignId), memberId, spendFen);
        String today = today();
        // The first coupon whose day has room: a member at one campaign's daily limit was told "come back tomorrow"
        // although another coupon of theirs worked at this till (exploratory test, 2026-12-04).
        Campaign campaign = null;
        Campaigns.Count count = Campaigns.Count.FULL;
        for (Campaign candidate : usable) {
            count = campaigns.countRedemption(candidate.id(), memberId, today, candidate.redemptionsPerDay(), id);
            if (count == Campaigns.Count.FULL && lapsedHoldsReleased(candidate, memberId, today)) {
                count = campaigns.countRedemption(candidate.id(), memberId, today, candidate.redemptionsPerDay(), id);
            }
            if (count != Campaigns.Count.FULL) {
                campaign = candidate;
                break;
            }
        }
        if (campaign == null) {
            // The day's last place may be this very order's, taken by the same request sent twice at once: that one
            // answers (told "daily limit", the till charged full price for an order whose discount was held).
            var same = redemptions.find(id);
            if (same.isPresent()) {
                return replay(same.get(), memberId, spendFen, campaignId);
            }
            throw dailyLimit(usable);
        }
        // Only a place this request took is given back on the paths below (its twin's order holds its own).
        boolean counted = count == Campaigns.Count.COUNTED;
        Redemption quoted = null;
        try {
            long discount = campaign.rule().discount(spendFen, couponLeft(campaign, memberId));
            if (discount > 0 || spendFen < campaign.rule().thresholdFen()) {
                String holdKey = "order:" + id;
                quoted = Redemption.quoted(merchantId, orderNo, campaign.id(), memberId, spendFen, discount,
                        Transfer.idFor(SCOPE, holdKey), StoredTime.now(clock), cardNumber);
            }
        } catch (RuntimeException refused) {
            // Refused before it was stored (nothing to redeem, no coupon held): the order takes no place of the day.
            giveBack(counted, campaign, memberId, today, id);
            throw refused;
        }
        if (quoted == null) {
            // The coupon is used up: the order is kept as refused and takes no place of the day.
            giveBack(counted, campaign, memberId, today, id);
            Redemption refused = Redemption.usedUp(merchantId, orderNo, campaign.id(), memberId, spendFen, StoredTime.now(clock));
            return replay(redemptions.insert(refused) ? refused : redemptions.find(id).orElseThrow(), memberId, spendFen, campaignId);
        }
        if (!redemptions.insert(quoted)) {
            // The same order inserted by a concurrent request: the stored order holds the place it counted; one this request
            // counted on another campaign than the stored order's is given back.
            Redemption stored = redemptions.find(id).orElseThrow();
            giveBack(counted && !stored.campaignId().equals(campaign.id()), campaign, memberId, today, id);
            return replay(stored, memberId, spendFen, campaignId);
        }
        return hold(quoted, campaign);
    }

    private void giveBack(boolean counted, Campaign campaign, String memberId, String day, String orderId) {
        if (counted) {
            campaigns.uncountRedemption(campaign.id(), memberId, day, orderId);
        }
    }

    private Redemption replay(Redemption earlier, String memberId, long spendFen, String campaignId) {
        earlier.requireSamePurchase(memberId, campaignId == null ? earlier.campaignId() : campaignId, spendFen);
        return earlier.status() == Redemption.Status.HELD ? hold(earlier, campaignService.find(earlier.campaignId())) : answer(earlier);
    }

    /** Holds (or finds held) the discount on the coupon; a refusal ends the redemption. */
    private Redemption hold(Redemption r, Campaign campaign) {
        String holdKey = "order:" + r.id();
        Transfer hold = ledger.submit(SCOPE, holdKey, TransferRequest.hold(campaign.couponAccount(r.memberId()),
                "merchant:" + r.merchantId(), r.discountFen(), "coupon-redemption", holdKey, HOLD), "merchant:" + r.merchantId());
        if (hold.status() == Transfer.Status.REJECTED) {
            return answer(end(r, Redemption.Status.REJECTED, hold.reason()));
        }
        if (hold.status() == Transfer.Status.EXPIRED) {
            return answer(end(r, Redemption.Status.REJECTED, Transfer.HOLD_EXPIRED));
        }
        return r;
    }

    /**
     * The member paid the rest: the discount moves to the merchant — while the card shown is usable. A member who froze
     * the card or reported it lost after it was shown (an order they do not recognise) stops the order: the hold is
     * released and the payment refused (it was paid all the same; exploratory test, 2026-12-04).
     */
    public Redemption pay(String merchantId, String orderNo, Actor till) {
        merchants.tillOf(merchantId, till);
        Redemption held = redemptions.find(Redemption.idOf(merchantId, orderNo)).orElse(null);
        if (held != null && held.status() == Redemption.Status.HELD && held.card() != null
                && payCodes.memberOfUsableCard(held.card()).isEmpty()) {
            cancel(merchantId, orderNo, till);
            throw new LedgerException.Refused("coupon-card-stopped", orderNo);
        }
        return settle(merchantId, orderNo, till, r -> TransferRequest.post(r.holdId(), null, "order:" + r.id() + ":pay"),
                Redemption.Status.PAID);
    }

    /** The purchase did not happen: the hold is released. */
    public Redemption cancel(String merchantId, String orderNo, Actor till) {
        return settle(merchantId, orderNo, till, r -> TransferRequest.voiding(r.holdId(), "order:" + r.id() + ":cancel"),
                Redemption.Status.CANCELLED);
    }

    private Redemption settle(String merchantId, String orderNo, Actor till, Function<Redemption, TransferRequest> how,
            Redemption.Status end) {
        merchants.tillOf(merchantId, till);
        Redemptions.Read read = redemptions.read(Redemption.idOf(merchantId, orderNo))
                .orElseThrow(() -> new LedgerException.NotFound("coupon-redemption-not-found", orderNo));
        Redemption r = read.redemption();
        if (r.status() == end) {
            return r;
        }
        if (r.status() != Redemption.Status.HELD) {
            throw new LedgerException.Refused("coupon-redemption-state", orderNo, r.status());
        }
        TransferRequest request = how.apply(r);
        Transfer t = ledger.submit(SCOPE, request.reference(), request, "merchant:" + merchantId);
        if (t.status() == Transfer.Status.REJECTED && Transfer.HOLD_ALREADY_SETTLED.equals(t.reason())) {
            // The payment and the cancellation of one order raced, and the other settled the hold first: that one is the
            // order's end (it records it), and this one is refused as out of turn, as it would be sent after it.
            throw new LedgerException.Refused("coupon-redemption-state", orderNo, end == Redemption.Status.PAID
                    ? Redemption.Status.CANCELLED : Redemption.Status.PAID);
        }
        if (t.status() == Transfer.Status.REJECTED) {
            return answer(end(r, Redemption.Status.REJECTED, t.reason()));
        }
        Instant at = t.finishedAt();
        AtomicBoolean applied = new AtomicBoolean();
        Redemption after = redemptions.change(read, current -> applied(applied, current.status() != Redemption.Status.HELD ? null
                : end == Redemption.Status.PAID ? current.paid(at) : current.ended(end, null, at)));
        if (after.status() != end) {
            throw new LedgerException.Refused("coupon-redemption-state", orderNo, after.status());
        }
        return released(after, applied.get());
    }

    /** Pays a paid redemption back: to the coupon while the campaign runs, to the budget after its sweep. */
    public Redemption refund(String merchantId, String orderNo, Long amountFen, Actor till) {
        merchants.tillOf(merchantId, till);
        Redemption r = redemptions.find(Redemption.idOf(merchantId, orderNo))
                .orElseThrow(() -> new LedgerException.NotFound("coupon-redemption-not-found", orderNo));
        if (amountFen != null && amountFen != r.discountFen()) {
            throw new LedgerException.Invalid("amountFen", "coupon-refund-whole-discount", r.discountFen());
        }
        if (r.status() == Redemption.Status.REFUNDED) {
            return r;
        }
        if (r.status() != Redemption.Status.PAID) {
            throw new LedgerException.Refused("coupon-redemption-state", orderNo, r.status());
        }
        Campaign campaign = campaignService.find(r.campaignId());
        String back = campaign.status() == Campaign.Status.OPEN ? campaign.couponAccount(r.memberId()) : campaign.budgetAccount();
        Transfer t = refundTransfer(r, back);
        if (t.status() == Transfer.Status.REJECTED) {
            throw LedgerException.Refused.transfer(t.reason(), t.id());
        }
        AtomicBoolean applied = new AtomicBoolean();
        Redemption after = redemptions.change(r.id(), current -> applied(applied, current.status() != Redemption.Status.PAID ? null
                : current.ended(Redemption.Status.REFUNDED, null, t.finishedAt())));
        repaymentsDue.settled("merchant:" + r.merchantId(), r.id());
        return released(after, applied.get());
    }

    /**
     * The refund's transfer ({@link Ledger#submitAgainAfterRefusals}): refused once (the merchant's receivable short, before
     * its union covered it), the refund was refused for ever under its one key and the member's coupon value lost
     * (exploratory test, 2026-12-04); asked again, the next attempt tries again.
     */
    private Transfer refundTransfer(Redemption r, String back) {
        String receivable = "merchant:" + r.merchantId();
        return ledger.submitAgainAfterRefusals(SCOPE, "order:" + r.id() + ":refund", ref -> TransferRequest.transfer(
                receivable, back, r.discountFen(), "coupon-refund", ref), receivable, MAX_REFUND_TRIES, () -> {
                    // Settled to the merchant already: the refund waits for the merchant's money back (the union books it,
                    // code merchant-repayment) and says so — a till retrying used up every attempt on "insufficient funds",
                    // and the refund stayed refused once the money was back (exploratory test, 2026-12-05).
                    // Caught up to its journal: the account document's head may still be behind the repayment just posted.
                    long available = ledger.account(receivable).balances().available();
                    if (available < r.discountFen()) {
                        repaymentsDue.due(receivable, r.id(), r.discountFen()); // what the union may book back for it
                        throw new LedgerException.Refused("coupon-refund-settled", r.orderNo(), r.discountFen() - available);
                    }
                })
                .orElseThrow(() -> new LedgerException.Refused("coupon-refund-attempts", r.orderNo(), MAX_REFUND_TRIES));
    }

    /** A merchant's orders of one Beijing day, each as it stands now. */
    public record Statement(Merchant merchant, LocalDate day, java.util.List<Redemption> orders) {
    }

    /**
     * 对账单: the orders the merchant took on the day (today in Beijing when none is named), for its own till and the
     * unions over its district — the clerk settles the merchant from it. Nobody else: the orders are the merchant's trade.
     */
    public Statement statement(String merchantId, LocalDate day, Actor actor) {
        Merchant merchant = merchants.find(merchantId);
        boolean till = actor.has(Role.MERCHANT) && (MerchantService.TILL_ORGANISATION + merchantId).equals(actor.organisation());
        if (till) {
            merchants.requireCurrentTillToken(merchantId); // a revoked till's token read the day's orders on
        } else if (!DistrictOffice.oversees(actor, merchant.district())) {
            // Like any merchant's path a caller may not act on: as if there were none (another till learnt it existed).
            throw new LedgerException.NotFound(actor.has(Role.MERCHANT) ? "merchant-not-your-till" : "merchant-not-found", merchantId);
        }
        LocalDate on = day != null ? day : LocalDate.ofInstant(StoredTime.now(clock), Campaign.BEIJING);
        return new Statement(merchant, on, redemptions.ofMerchantOn(merchantId, on));
    }

    /** A redemption its till, its campaign's union or the city union may read. */
    public Redemption find(String merchantId, String orderNo, Actor actor) {
        Redemption r = redemptions.find(Redemption.idOf(merchantId, orderNo))
                .orElseThrow(() -> new LedgerException.NotFound("coupon-redemption-not-found", orderNo));
        boolean sees = actor.has(Role.MERCHANT) && (MerchantService.TILL_ORGANISATION + merchantId).equals(actor.organisation())
                || actor.has(Role.ADMIN) || DistrictOffice.oversees(actor, campaignService.find(r.campaignId()).district());
        if (!sees) {
            throw new LedgerException.NotFound("coupon-redemption-not-found", orderNo);
        }
        if (r.status() == Redemption.Status.HELD && !StoredTime.now(clock).isBefore(r.createdAt().plus(HOLD))) {
            // The hold may have lapsed with nobody paying: asking the ledger ends it as it would end at the payment
            // (REJECTED, hold-expired, the day's place given back), instead of showing HELD past its time.
            Transfer hold = ledger.wake(r.holdId());
            if (hold != null && hold.status() == Transfer.Status.EXPIRED) {
                return end(r, Redemption.Status.REJECTED, Transfer.HOLD_EXPIRED);
            }
        }
        return r;
    }

    private Redemption end(Redemption r, Redemption.Status status, String why) {
        AtomicBoolean applied = new AtomicBoolean();
        Redemption after = redemptions.change(r.id(), current -> applied(applied, current.status() != Redemption.Status.HELD ? null
                : current.ended(status, why, StoredTime.now(clock))));
        return released(after, applied.get());
    }

    /** Notes whether the change this attempt makes is one (the last attempt's note is what was written). */
    private static Redemption.Change applied(AtomicBoolean applied, Redemption.Change change) {
        applied.set(change != null);
        return change;
    }

    /**
     * A redemption that ended without a purchase (cancelled at the till, its hold refused, or refunded) gives back its
     * place in the member's redemptions of that day: only this call's own change does, so a cancel sent twice
     * gives it back once. A crash in between keeps the place taken — the member may redeem one less that day,
     * never one more.
     */
    private Redemption released(Redemption after, boolean changedHere) {
        // A refunded purchase is undone too: it took the day's place of one the member may now make (it counted).
        if (changedHere && (after.status() == Redemption.Status.CANCELLED || after.status() == Redemption.Status.REJECTED
                || after.status() == Redemption.Status.REFUNDED)) {
            campaigns.uncountRedemption(after.campaignId(), after.memberId(),
                    LocalDate.ofInstant(after.createdAt(), Campaign.BEIJING).toString(), after.id());
        }
        return after;
    }

    /** A refused redemption answers 409 with why, every time it is asked again. */
    private static Redemption answer(Redemption r) {
        if (r.status() == Redemption.Status.REJECTED) {
            if (r.reason().startsWith("coupon-")) {
                throw new LedgerException.Refused(r.reason(), r.orderNo());
            }
            throw LedgerException.Refused.transfer(r.reason(), r.holdId());
        }
        return r;
    }

    /** What is left on the member's coupon of the campaign; a member granted none has no coupon account. */
    private long couponLeft(Campaign campaign, String memberId) {
        try {
            return ledger.account(campaign.couponAccount(memberId)).balances().available();
        } catch (LedgerException.NotFound none) {
            throw new LedgerException.Refused("coupon-none-held", campaign.id());
        }
    }

    /**
     * The campaign whose coupon pays: the one named, else of the member's campaigns open here now
     * with money left, the one that ends first (use it or lose it).
     */
    /**
     * The campaigns whose coupon the member may spend here now, in the order they are used: the one the till names, or
     * else every coupon of the member with money left that this merchant takes, the soonest to end first.
     */
    private List<Campaign> campaignsFor(String memberId, Merchant merchant, String campaignId) {
        // Coupons are the union's welfare for its members: one who has left spends none (their card may still be active).
        if (members.find(memberId).filter(m -> m.status() == Member.Status.ACTIVE).isEmpty()) {
            throw new LedgerException.Refused("coupon-membership-ended");
        }
        Instant now = StoredTime.now(clock);
        if (campaignId != null) {
            Campaign named = campaignService.find(campaignId);
            named.requireRedeemableAt(merchant.id(), now);
            return List.of(named); // whether the member holds its coupon: couponLeft
        }
        List<Campaign> usable = campaignService.couponsOf(memberId).stream()
                .filter(c -> c.campaign().merchants().contains(merchant.id()) && c.campaign().openAt(now))
                .filter(c -> c.account().balances().available() > 0)
                .sorted(Comparator.comparing((CampaignService.Coupon c) -> c.campaign().endsAt()).thenComparing(c -> c.campaign().id()))
                .map(CampaignService.Coupon::campaign).toList();
        if (usable.isEmpty()) {
            throw new LedgerException.Refused("coupon-none-usable-here", merchant.id());
        }
        return usable;
    }

    private String today() {
        return LocalDate.ofInstant(StoredTime.now(clock), Campaign.BEIJING).toString();
    }
}
