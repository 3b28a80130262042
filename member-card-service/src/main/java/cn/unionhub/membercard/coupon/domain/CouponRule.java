package cn.unionhub.membercard.coupon.domain;

import cn.unionhub.membercard.ledger.domain.LedgerException;

/**
 * 满减: {@code discountFen} off for every full {@code thresholdFen} spent (满100减20: 2,000 fen
 * off per full 10,000), never more than what is left on the coupon. Spending 350 yuan with 300 left
 * gives 60 off.
 */
public record CouponRule(long thresholdFen, long discountFen) {

    public CouponRule {
        if (thresholdFen <= 0 || discountFen <= 0 || discountFen >= thresholdFen) {
            throw new LedgerException.Invalid("rule", "coupon-rule-invalid");
        }
    }

    /** The discount on a purchase of {@code spendFen} with {@code remainingFen} left on the coupon. */
    public long discount(long spendFen, long remainingFen) {
        if (spendFen <= 0) {
            throw new LedgerException.Invalid("spendFen", "ledger-amount-not-positive");
        }
        long steps = spendFen / thresholdFen;
        return Math.max(0, Math.min(Math.multiplyExact(steps, discountFen), remainingFen));
    }
}
