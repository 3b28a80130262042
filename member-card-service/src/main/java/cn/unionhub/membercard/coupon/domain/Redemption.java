package cn.unionhub.membercard.coupon.domain;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.membercard.CouponRedeemed;
import cn.unionhub.membercard.ledger.domain.LedgerException;
import cn.unionhub.platform.domain.HashChain;
import java.time.Instant;
import java.util.List;

/**
 * One purchase at a till that uses a member's coupon: quoted, then the discount is held on the
 * coupon (a few minutes), then posted when the member has paid the rest, or cancelled. The till's
 * order number is the key: the same order again answers as the first time; the same order number
 * with another purchase is refused. A refund is a transfer back, never an edit.
 *
 * @param id         {@code <merchant id>:<order number>}
 * @param spendFen   what the purchase costs before the discount
 * @param discountFen what the coupon pays (the member pays {@code spendFen - discountFen})
 * @param holdId     the ledger hold of the discount on the coupon
 * @param card       the card the member showed (null for redemptions kept before 2026-12-04): paid only while it is usable
 */
public record Redemption(String id, String merchantId, String orderNo, String campaignId, String memberId, long spendFen,
        long discountFen, String fingerprint, String holdId, Status status, String reason, Instant createdAt, Instant finishedAt,
        String card) {

    public enum Status {
        /** The discount is held on the coupon; the member pays the rest. */
        HELD,
        /** Paid: the discount moved to the merchant. */
        PAID,
        CANCELLED,
        /** The ledger refused the hold (the coupon no longer covered it) or the hold expired unpaid. */
        REJECTED,
        REFUNDED
    }

    public record Change(Redemption redemption, List<DomainEvent> events) {
    }

    public static String idOf(String merchantId, String orderNo) {
        if (orderNo == null || !orderNo.matches("[A-Za-z0-9_-]{1,40}")) {
            throw new LedgerException.Invalid("orderNo", "coupon-order-no");
        }
        return merchantId + ":" + orderNo;
    }

    /** The till's request in canonical form: the same order number must always mean the same purchase. */
    public static String fingerprint(String memberId, String campaignId, long spendFen) {
        return HashChain.fields().add(memberId).add(campaignId).add(spendFen).sha256();
    }

    public static Redemption quoted(String merchantId, String orderNo, String campaignId, String memberId, long spendFen,
            long discountFen, String holdId, Instant now, String card) {
        if (discountFen <= 0) {
            throw new LedgerException.Refused("coupon-nothing-to-redeem", campaignId);
        }
        return new Redemption(idOf(merchantId, orderNo), merchantId, orderNo, campaignId, memberId, spendFen, discountFen,
                fingerprint(memberId, campaignId, spendFen), holdId, Status.HELD, null, now, null, card);
    }

    /**
     * A purchase the coupon could pay nothing of because it is used up (or held by other purchases):
     * kept as refused, so the till asking again gets the same answer even if value comes back later.
     */
    public static Redemption usedUp(String merchantId, String orderNo, String campaignId, String memberId, long spendFen,
            Instant now) {
        return new Redemption(idOf(merchantId, orderNo), merchantId, orderNo, campaignId, memberId, spendFen, 0,
                fingerprint(memberId, campaignId, spendFen), null, Status.REJECTED, "coupon-used-up", now, now, null);
    }

    public void requireSamePurchase(String memberId, String campaignId, long spendFen) {
        if (!fingerprint.equals(fingerprint(memberId, campaignId, spendFen))) {
            // The till's key is its order number: "use a new key" meant nothing at a till.
            throw new LedgerException.Refused("coupon-order-reused", orderNo);
        }
    }

    public long payFen() {
        return spendFen - discountFen;
    }

    public Change paid(Instant at) {
        return new Change(to(Status.PAID, null, at), List.of(new CouponRedeemed(id, campaignId, merchantId, spendFen, discountFen, at)));
    }

    public Change ended(Status end, String why, Instant at) {
        return new Change(to(end, why, at), List.of());
    }

    private Redemption to(Status end, String why, Instant at) {
        return new Redemption(id, merchantId, orderNo, campaignId, memberId, spendFen, discountFen, fingerprint, holdId, end, why,
                createdAt, at, card);
    }
}
