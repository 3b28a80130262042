package cn.unionhub.membercard.coupon.domain;

import cn.unionhub.membercard.ledger.domain.AccountKind;
import cn.unionhub.membercard.ledger.domain.LedgerException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * A coupon campaign (seed 001, 崂山区: 2,725 sanitation workers each get 300 yuan to spend at the
 * campaign's merchants): its budget account, the tiers a grant may give (100/200/300 yuan), the 满减
 * rule, the window in Asia/Shanghai dates, the merchants, and a per-member limit of redemptions a
 * day. The budget can never be overspent: grants are ledger transfers out of it, refused whole when
 * it does not cover them; after the window every coupon's remainder goes back to it.
 *
 * @param id                a slug chosen by the union, e.g. {@code laoshan-2026-sanitation}
 * @param redemptionsPerDay how often one member may redeem a day (0: no limit)
 * @param endedEarlyAt      when the union ended it before its last day (null: it runs to the end)
 * @param sweeps            how many sweeps have run (each takes the coupons' remainders back)
 */
public record Campaign(String id, String name, String district, List<Long> tiersFen, CouponRule rule, LocalDate firstDay,
        LocalDate lastDay, Set<String> merchants, int redemptionsPerDay, Status status, Instant createdAt, String createdBy,
        Instant endedEarlyAt, int sweeps) {

    /** Two years: the longest welfare campaign (an annual one, with room for its start). */
    public static final int MAX_WINDOW_DAYS = 731;

    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    /** How long after the window the remainders are swept back: longer than any redemption hold lives. */
    public static final java.time.Duration SWEEP_AFTER = java.time.Duration.ofMinutes(10);

    public enum Status {
        /** Grants and redemptions within the window. */
        OPEN,
        /** The window is over and the coupons' remainders went back to the budget (a later sweep takes what holds released). */
        SWEPT
    }

    public static Campaign create(String id, String name, String district, List<Long> tiersFen, CouponRule rule, LocalDate firstDay,
            LocalDate lastDay, Set<String> merchants, int redemptionsPerDay, Instant now, String by) {
        // Checked when a campaign is made, not when a stored one is read: unspent coupons return to the budget only
        // after the last day, so 9999-12-31 would hold them for ever.
        if (firstDay != null && lastDay != null && lastDay.isAfter(firstDay.plusDays(MAX_WINDOW_DAYS))) {
            throw new LedgerException.Invalid("lastDay", "coupon-window-too-long", MAX_WINDOW_DAYS);
        }
        return new Campaign(id, name, district, tiersFen, rule, firstDay, lastDay, merchants, redemptionsPerDay, Status.OPEN, now, by,
                null, 0);
    }

    public Campaign {
        tiersFen = tiersFen == null ? List.of() : List.copyOf(tiersFen);
        merchants = merchants == null ? Set.of() : Set.copyOf(merchants);
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{2,39}")) {
            throw new LedgerException.Invalid("id", "coupon-campaign-id");
        }
        if (name == null || name.isBlank() || name.length() > 80) {
            throw new LedgerException.Invalid("name", "coupon-campaign-name");
        }
        if (tiersFen.isEmpty() || tiersFen.size() > 10 || tiersFen.stream().anyMatch(t -> t == null || t <= 0)) {
            throw new LedgerException.Invalid("tiersFen", "coupon-tiers");
        }
        if (firstDay == null || lastDay == null || lastDay.isBefore(firstDay)) {
            throw new LedgerException.Invalid("lastDay", "coupon-window");
        }
        if (merchants.isEmpty()) {
            throw new LedgerException.Invalid("merchants", "coupon-no-merchants");
        }
        if (redemptionsPerDay < 0) {
            throw new LedgerException.Invalid("redemptionsPerDay", "coupon-limit");
        }
    }

    public Instant startsAt() {
        return firstDay.atStartOfDay(BEIJING).toInstant();
    }

    /** The end of the window: the day after the last day at 00:00 in Beijing, or when the union ended it early. */
    public Instant endsAt() {
        Instant natural = lastDay.plusDays(1).atStartOfDay(BEIJING).toInstant();
        return endedEarlyAt != null && endedEarlyAt.isBefore(natural) ? endedEarlyAt : natural;
    }

    /** Ends the window now (活动提前结束): no more grants or redemptions; the sweep follows. */
    public Campaign endNow(Instant now) {
        if (!now.isBefore(endsAt())) {
            throw new LedgerException.Refused("coupon-campaign-ended", id);
        }
        return new Campaign(id, name, district, tiersFen, rule, firstDay, lastDay, merchants, redemptionsPerDay, status, createdAt,
                createdBy, now, sweeps);
    }

    public boolean endedAt(Instant at) {
        return !at.isBefore(endsAt());
    }

    public boolean openAt(Instant at) {
        return status == Status.OPEN && !at.isBefore(startsAt()) && at.isBefore(endsAt());
    }

    public String budgetAccount() {
        return AccountKind.CAMPAIGN_BUDGET.accountId(id);
    }

    public String couponAccount(String memberId) {
        return AccountKind.COUPON.accountId(id + "." + memberId);
    }

    /** A grant gives one of the campaign's tiers. */
    public void requireTier(long amountFen) {
        if (!tiersFen.contains(amountFen)) {
            throw new LedgerException.Invalid("tierFen", "coupon-not-a-tier", tiersFen);
        }
    }

    /** Coupons are spent at the campaign's merchants, within its window, only. */
    public void requireRedeemableAt(String merchantId, Instant at) {
        if (!merchants.contains(merchantId)) {
            throw new LedgerException.Refused("coupon-wrong-merchant", id);
        }
        if (endedEarlyAt != null && endedAt(at)) {
            throw new LedgerException.Refused("coupon-campaign-ended", id);
        }
        if (!openAt(at)) {
            throw new LedgerException.Refused("coupon-outside-window", id, firstDay, lastDay);
        }
    }

    public Campaign swept() {
        return new Campaign(id, name, district, tiersFen, rule, firstDay, lastDay, merchants, redemptionsPerDay, Status.SWEPT,
                createdAt, createdBy, endedEarlyAt, sweeps + 1);
    }
}
