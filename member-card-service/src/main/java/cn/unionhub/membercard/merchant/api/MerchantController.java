package cn.unionhub.membercard.merchant.api;

import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.membercard.coupon.RedemptionService;
import cn.unionhub.membercard.coupon.domain.Redemption;
import cn.unionhub.membercard.ledger.domain.Fen;
import cn.unionhub.membercard.merchant.MerchantService;
import cn.unionhub.membercard.merchant.domain.Merchant;
import cn.unionhub.security.Actor;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Merchants and their tills. District unions register the merchants of their district; a till
 * (machine client {@code merchant-<id>}, role MERCHANT) quotes, redeems, pays, cancels and refunds at
 * its own merchant. The order number is the key: asking again answers as the first time; the same
 * order number with another purchase is refused (409).
 */
@RestController
@RequestMapping("/api/v1/merchants")
class MerchantController {


    record RegisterRequest(String name, String district, String uscc, String address, String category, List<Merchant.MemberPrice> memberPrices) {
    }

    /**
     * @param card the member service card number the member shows (19 digits)
     * @param payCode the six-digit pay code the worker app shows beside it (付款码)
     */
    record QuoteRequest(String card, String payCode, BigDecimal spendFen, String campaignId) {
    }

    record RedeemRequest(String orderNo, String card, String payCode, BigDecimal spendFen, String campaignId) {
    }

    record MerchantView(String id, String name, String district, String uscc, String address, String category,
            List<Merchant.MemberPrice> memberPrices, String status, String receivableAccount, String closedReason) {

        static MerchantView of(Merchant m) {
            return of(m, true);
        }

        /** @param office whether the caller runs or oversees the merchant's district: only they read why it was closed */
        static MerchantView of(Merchant m, boolean office) {
            return new MerchantView(m.id(), m.name(), m.district(), m.uscc(), m.address(), m.category(), m.memberPrices(), m.status().name(),
                    m.receivableAccount(), office ? m.closedReason() : null);
        }
    }

    /** Whether the caller runs or oversees the district's union money (its merchants among it). */
    private static boolean office(Actor actor, String district) {
        return cn.unionhub.membercard.common.DistrictOffice.oversees(actor, district);
    }

    /** @param payFen what the member pays at the till */
    record RedemptionView(String id, String orderNo, String campaignId, String status, long spendFen, long discountFen, long payFen,
            String holdId, OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime finishedAt) {

        static RedemptionView of(Redemption r) {
            return new RedemptionView(r.id(), r.orderNo(), r.campaignId(), r.status().name(), r.spendFen(), r.discountFen(), r.payFen(),
                    r.holdId(), BusinessCalendar.beijing(r.createdAt()), r.status() == Redemption.Status.HELD ? BusinessCalendar.beijing(r.createdAt().plus(RedemptionService.HOLD)) : null,
                    BusinessCalendar.beijing(r.finishedAt()));
        }
    }

    private final MerchantService merchants;
    private final RedemptionService redemptions;

    MerchantController(MerchantService merchants, RedemptionService redemptions) {
        this.merchants = merchants;
        this.redemptions = redemptions;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    MerchantView register(@RequestBody RegisterRequest r, Actor actor,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        return MerchantView.of(merchants.register(r.name(), r.district(), r.uscc(), r.address(), r.category(), r.memberPrices(), actor,
                idempotencyKey));
    }

    /** 商户名录: a district's merchants (?district=; the caller's own by default), in the order they were registered. */
    @GetMapping
    List<MerchantView> list(@org.springframework.web.bind.annotation.RequestParam(required = false) String district, Actor actor) {
        // Members look here for where their coupons work: closed merchants are the office's to see, and why they closed
        // (an internal allegation naming a person was shown to every worker, exploratory test, 2026-12-05).
        return merchants.ofDistrict(district, actor).stream().filter(m -> m.isActive() || office(actor, m.district()))
                .map(m -> MerchantView.of(m, office(actor, m.district()))).toList();
    }

    @GetMapping("/{merchantId}")
    MerchantView find(@PathVariable String merchantId, Actor actor) {
        Merchant merchant = merchants.find(merchantId);
        return MerchantView.of(merchant, office(actor, merchant.district()));
    }

    record Closure(String reason) {
    }

    /** 商户退出: by the district union that registered it, with the reason; the till redeems no more. */
    @PostMapping("/{merchantId}/closure")
    MerchantView close(@PathVariable String merchantId, @RequestBody(required = false) Closure closure, Actor actor) {
        return MerchantView.of(merchants.close(merchantId, closure == null ? null : closure.reason(), actor));
    }

    @PostMapping("/{merchantId}/quotes")
    RedemptionService.Quote quote(@PathVariable String merchantId, @RequestBody QuoteRequest r, Actor till) {
        return redemptions.quote(merchantId, r.card(), r.payCode(), Fen.of(r.spendFen(), "spendFen"), r.campaignId(), till);
    }

    /** Holds the coupon's discount for the order (5 minutes) and answers what the member pays. */
    @PostMapping("/{merchantId}/redemptions")
    @ResponseStatus(HttpStatus.CREATED)
    RedemptionView redeem(@PathVariable String merchantId, @RequestBody RedeemRequest r, Actor till) {
        return RedemptionView.of(redemptions.redeem(merchantId, r.orderNo(), r.card(), r.payCode(), Fen.of(r.spendFen(), "spendFen"), r.campaignId(), till));
    }

    /**
     * 对账单: one Beijing day's orders with their totals. Paid and refunded are counted as the orders stand now (a refund
     * made today of yesterday's order is in yesterday's statement); the money as it moved is the receivable's ledger lines.
     */
    record StatementView(String merchantId, String merchantName, java.time.LocalDate date, int orders, int paid, long paidSpendFen,
            long paidDiscountFen, int refunded, long refundedDiscountFen, int held, int cancelled, int rejected,
            List<RedemptionView> redemptions) {

        static StatementView of(RedemptionService.Statement s) {
            java.util.Map<Redemption.Status, List<Redemption>> by = s.orders().stream()
                    .collect(java.util.stream.Collectors.groupingBy(Redemption::status));
            List<Redemption> paid = by.getOrDefault(Redemption.Status.PAID, List.of());
            List<Redemption> refunded = by.getOrDefault(Redemption.Status.REFUNDED, List.of());
            return new StatementView(s.merchant().id(), s.merchant().name(), s.day(), s.orders().size(), paid.size(),
                    paid.stream().mapToLong(Redemption::spendFen).sum(), paid.stream().mapToLong(Redemption::discountFen).sum(),
                    refunded.size(), refunded.stream().mapToLong(Redemption::discountFen).sum(),
                    by.getOrDefault(Redemption.Status.HELD, List.of()).size(), by.getOrDefault(Redemption.Status.CANCELLED, List.of()).size(),
                    by.getOrDefault(Redemption.Status.REJECTED, List.of()).size(), s.orders().stream().map(RedemptionView::of).toList());
        }
    }

    /** The day's orders for the merchant's till and the unions over its district (?date=yyyy-MM-dd, Beijing; today by default). */
    @GetMapping("/{merchantId}/redemptions")
    StatementView statement(@PathVariable String merchantId,
            @org.springframework.web.bind.annotation.RequestParam(required = false) java.time.LocalDate date, Actor actor) {
        return StatementView.of(redemptions.statement(merchantId, date, actor));
    }

    @GetMapping("/{merchantId}/redemptions/{orderNo}")
    RedemptionView redemption(@PathVariable String merchantId, @PathVariable String orderNo, Actor actor) {
        return RedemptionView.of(redemptions.find(merchantId, orderNo, actor));
    }

    @PostMapping("/{merchantId}/redemptions/{orderNo}/payment")
    RedemptionView pay(@PathVariable String merchantId, @PathVariable String orderNo, Actor till) {
        return RedemptionView.of(redemptions.pay(merchantId, orderNo, till));
    }

    @PostMapping("/{merchantId}/redemptions/{orderNo}/cancellation")
    RedemptionView cancel(@PathVariable String merchantId, @PathVariable String orderNo, Actor till) {
        return RedemptionView.of(redemptions.cancel(merchantId, orderNo, till));
    }

    /** @param amountFen optional; a refund gives the whole discount back, so only that amount is accepted */
    record RefundForm(BigDecimal amountFen) {
    }

    @PostMapping("/{merchantId}/redemptions/{orderNo}/refund")
    RedemptionView refund(@PathVariable String merchantId, @PathVariable String orderNo,
            @RequestBody(required = false) RefundForm form, Actor till) {
        // A part refund was answered with the whole discount back (the amount was ignored): say so instead.
        Long asked = form == null ? null : Fen.ofNullable(form.amountFen(), "amountFen");
        return RedemptionView.of(redemptions.refund(merchantId, orderNo, asked, till));
    }

}
