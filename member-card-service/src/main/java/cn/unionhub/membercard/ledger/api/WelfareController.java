package cn.unionhub.membercard.ledger.api;

import cn.unionhub.membercard.member.domain.Member;
import cn.unionhub.membercard.ledger.domain.JournalEntry;
import cn.unionhub.membercard.ledger.LedgerReconciler;
import cn.unionhub.membercard.ledger.LedgerService;
import cn.unionhub.membercard.coupon.CampaignService;
import cn.unionhub.membercard.ledger.api.LedgerViews.AccountView;
import cn.unionhub.membercard.ledger.api.LedgerViews.CouponView;
import cn.unionhub.membercard.ledger.api.LedgerViews.LineView;
import cn.unionhub.membercard.ledger.api.LedgerViews.ReconciliationView;
import cn.unionhub.membercard.ledger.api.LedgerViews.TransferView;
import cn.unionhub.membercard.ledger.api.LedgerViews.WalletView;
import cn.unionhub.membercard.ledger.domain.Account;
import cn.unionhub.membercard.ledger.domain.AccountKind;
import cn.unionhub.membercard.ledger.domain.Fen;
import cn.unionhub.membercard.ledger.domain.LedgerException;
import cn.unionhub.membercard.ledger.domain.Transfer;
import cn.unionhub.membercard.ledger.domain.TransferRequest;
import cn.unionhub.security.Actor;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Welfare money (会员福利资金): accounts, their journals, transfers with two-phase holds, the
 * worker's wallet and the daily reconciliation. Every POST that moves money needs an
 * {@code Idempotency-Key} header or a business {@code reference}: the same request again answers
 * exactly as the first time (also a refusal), the same key with another body is refused (409).
 * A refusal by the ledger (insufficient funds, an expired or settled hold) is a 409 problem whose
 * detail names the stored transfer; nothing moved.
 */
@RestController
@RequestMapping("/api/v1/welfare")
class WelfareController {

    /**
     * @param kind  UNION_FUND, CAMPAIGN_BUDGET, SETTLEMENT, SUSPENSE, EMPLOYER_ESCROW or MERCHANT_RECEIVABLE
     * @param owner the owner part of the id: a district code, campaign, merchant or employer id
     */
    record OpenRequest(String kind, String owner, String district, String label) {
    }

    /**
     * @param kind        TRANSFER (default), HOLD, POST, VOID or BATCH (one debit to the {@code credits})
     * @param amountFen   whole fen; for POST optional (the whole hold)
     * @param holdSeconds for HOLD: how long it waits to be posted (30 s to 7 days)
     */
    record TransferBody(String kind, String debitAccount, String creditAccount, BigDecimal amountFen, String holdId, String code,
            String reference, Long holdSeconds, List<CreditBody> credits) {
    }

    /** One credit of a BATCH. */
    record CreditBody(String account, BigDecimal amountFen) {
    }

    private final LedgerService ledger;
    private final LedgerReconciler reconciler;
    private final CampaignService campaigns;
    private final java.time.Clock clock;

    WelfareController(LedgerService ledger, LedgerReconciler reconciler, CampaignService campaigns, java.time.Clock clock) {
        this.ledger = ledger;
        this.reconciler = reconciler;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    @PostMapping("/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    AccountView open(@RequestBody OpenRequest request, Actor actor) {
        return AccountView.of(ledger.open(kindOf(request.kind()), request.owner(), request.district(), request.label(), actor));
    }

    @GetMapping("/accounts/{accountId}")
    AccountView account(@PathVariable String accountId, Actor actor) {
        return AccountView.of(ledger.visibleAccount(accountId, actor));
    }

    /** Journal lines after {@code after} (a line number), oldest first, at most {@code size} (≤ 200). */
    @GetMapping("/accounts/{accountId}/lines")
    List<LineView> lines(@PathVariable String accountId, @RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = "50") int size, Actor actor) {
        List<JournalEntry> lines = ledger.lines(accountId, after, size, actor);
        return LineView.of(lines, accountId, ledger.counterparts(lines));
    }

    @PostMapping("/transfers")
    @ResponseStatus(HttpStatus.CREATED)
    TransferView transfer(@RequestBody TransferBody body, @RequestHeader(name = "Idempotency-Key", required = false) String key,
            Actor actor) {
        Transfer t = ledger.submit(request(body), key, actor);
        if (t.status() == Transfer.Status.REJECTED) {
            throw LedgerException.Refused.transfer(t.reason(), t.id());
        }
        return TransferView.of(t);
    }

    @GetMapping("/transfers/{transferId}")
    TransferView transfer(@PathVariable String transferId, Actor actor) {
        return TransferView.of(ledger.visibleTransfer(transferId, actor));
    }

    /** The worker's own welfare account with its latest 20 lines (newest first), and their coupons. */
    @GetMapping("/wallet")
    WalletView wallet(Actor actor) {
        Member member = ledger.memberOf(actor);
        String memberId = member.id();
        // One who has left the union sees their coupons, but as not usable: the till refuses them (coupon-membership-ended).
        boolean active = member.status() == Member.Status.ACTIVE;
        List<CouponView> coupons = campaigns.couponsOf(memberId).stream()
                .map(c -> CouponView.of(c, clock.instant(), newest(c.account(), COUPON_LINES), active)).toList();
        return ledger.walletOf(memberId).map(w -> {
            List<LineView> latest = newest(w, 20);
            return new WalletView(w.id(), w.balances().balance(), w.balances().available(), w.balances().debitsPending(), latest,
                    coupons);
        }).orElseGet(() -> new WalletView(null, 0, 0, 0, List.of(), coupons));
    }

    /** Lines of a coupon shown in the wallet: a coupon pays a handful of purchases, and the rest are one request away. */
    private static final int COUPON_LINES = 10;

    /**
     * The latest {@code count} lines of one of the caller's own accounts (found from their membership above, so
     * not looked up and checked again), newest first, with where each one's money came from or went.
     */
    private List<LineView> newest(Account account, int count) {
        List<JournalEntry> lines = ledger.lines(account, Math.max(0, account.sequence() - count), count);
        return LineView.of(lines, account.id(), ledger.counterparts(lines)).stream()
                .sorted(java.util.Comparator.comparingLong(LineView::sequence).reversed()).toList();
    }

    @PostMapping("/reconciliations")
    ReconciliationView reconcile() {
        return ReconciliationView.of(reconciler.run());
    }

    @GetMapping("/reconciliations/latest")
    ReconciliationView latest() {
        return reconciler.latest().map(ReconciliationView::of)
                .orElseThrow(() -> new LedgerException.NotFound("ledger-no-reconciliation"));
    }

    private static TransferRequest request(TransferBody b) {
        Transfer.Kind kind = b.kind() == null ? Transfer.Kind.TRANSFER : enumOf(Transfer.Kind.class, b.kind(), "kind");
        Duration holdFor = b.holdSeconds() == null ? null : Duration.ofSeconds(b.holdSeconds());
        List<Transfer.Credit> credits = b.credits() == null ? null
                : b.credits().stream().map(c -> new Transfer.Credit(c.account(), Fen.of(c.amountFen(), "credits"))).toList();
        return new TransferRequest(kind, b.debitAccount(), b.creditAccount(), Fen.ofNullable(b.amountFen(), "amountFen"), b.holdId(), b.code(), b.reference(),
                holdFor, credits);
    }

    private static AccountKind kindOf(String kind) {
        return enumOf(AccountKind.class, kind, "kind");
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value == null ? "" : value.strip());
        } catch (IllegalArgumentException unknown) {
            throw new LedgerException.Invalid(field, "ledger-unknown-value", value);
        }
    }
}
