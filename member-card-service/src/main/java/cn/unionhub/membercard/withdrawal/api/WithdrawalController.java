package cn.unionhub.membercard.withdrawal.api;

import cn.unionhub.membercard.card.domain.CardNumbers;
import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.membercard.member.store.Members;
import cn.unionhub.membercard.withdrawal.WithdrawalService;
import cn.unionhub.membercard.withdrawal.store.Withdrawals.WithdrawalDocument;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * 提现 (withdrawals from the welfare account to the member's own card): the worker asks, lists and cancels; the district
 * union's clerk reads the district's open requests (the next payment file) and books what the bank did with each.
 */
@RestController
class WithdrawalController {

    record WithdrawalRequest(BigDecimal amountFen) {
    }

    /** A payout without a card, entered by the district's clerk (see {@link WithdrawalService#requestWithoutCard}). */
    record WithoutCardRequest(String memberId, BigDecimal amountFen, String payee) {
    }

    record PaidBody(String bankReference) {
    }

    record ReturnedBody(String note) {
    }

    /**
     * @param card      the card the money is paid to: in full for the worker and the district union that pays it, masked
     *                  for the city union's staff who oversee it
     * @param name      the member's name as the register has it (the bank checks it): for the district union only
     * @param memberId  for the union only
     */
    /** @param payee for a payout without a card: where the money goes, as the clerk entered it (no card then) */
    record WithdrawalView(String id, String status, long amountFen, String card, String payee, String memberId, String name,
            String district, OffsetDateTime requestedAt, OffsetDateTime sentAt, OffsetDateTime finishedAt, String bankReference,
            String note, String transferId, String returnTransferId) {
    }


    private final WithdrawalService withdrawals;
    private final Members members;

    WithdrawalController(WithdrawalService withdrawals, Members members) {
        this.withdrawals = withdrawals;
        this.members = members;
    }

    @PostMapping("/api/v1/welfare/wallet/withdrawals")
    @ResponseStatus(HttpStatus.CREATED)
    WithdrawalView request(@RequestBody WithdrawalRequest body, @RequestHeader(name = "Idempotency-Key", required = false) String key,
            Actor worker) {
        return view(withdrawals.request(body.amountFen(), key, worker), worker);
    }

    /** The worker's own withdrawals, newest first. */
    @GetMapping("/api/v1/welfare/wallet/withdrawals")
    List<WithdrawalView> mine(Actor worker) {
        return withdrawals.mine(worker).stream().map(w -> view(w, worker)).toList();
    }

    @PostMapping("/api/v1/welfare/wallet/withdrawals/{id}/cancellation")
    WithdrawalView cancel(@PathVariable String id, Actor worker) {
        return view(withdrawals.cancel(id, worker), worker);
    }

    /** The district's withdrawals waiting for the bank, oldest first ({@code district} for the city union). */
    @GetMapping("/api/v1/welfare/withdrawals")
    List<WithdrawalView> open(@RequestParam(required = false) String district, Actor actor) {
        return withdrawals.open(district, actor).stream().map(w -> view(w, actor)).toList();
    }

    /** 线下提现: the district's clerk enters a payout for a member with no card to pay to; another person sends it. */
    @PostMapping("/api/v1/welfare/withdrawals")
    @ResponseStatus(HttpStatus.CREATED)
    WithdrawalView withoutCard(@RequestBody WithoutCardRequest body, @RequestHeader(name = "Idempotency-Key", required = false) String key,
            Actor clerk) {
        return view(withdrawals.requestWithoutCard(body.memberId(), body.amountFen(), body.payee(), key, clerk), clerk);
    }

    @GetMapping("/api/v1/welfare/withdrawals/{id}")
    WithdrawalView one(@PathVariable String id, Actor actor) {
        return view(withdrawals.visible(id, actor), actor);
    }

    @PostMapping("/api/v1/welfare/withdrawals/{id}/sending")
    WithdrawalView sent(@PathVariable String id, Actor clerk) {
        return view(withdrawals.sent(id, clerk), clerk);
    }

    @PostMapping("/api/v1/welfare/withdrawals/{id}/payment")
    WithdrawalView paid(@PathVariable String id, @RequestBody PaidBody body, Actor clerk) {
        return view(withdrawals.paid(id, body.bankReference(), clerk), clerk);
    }

    @PostMapping("/api/v1/welfare/withdrawals/{id}/return")
    WithdrawalView returned(@PathVariable String id, @RequestBody ReturnedBody body, Actor clerk) {
        return view(withdrawals.returned(id, body.note(), clerk), clerk);
    }

    private WithdrawalView view(WithdrawalDocument w, Actor actor) {
        boolean full = withdrawals.runsOrOwns(w, actor);
        boolean union = !actor.has(cn.unionhub.security.Role.WORKER) || actor.has(cn.unionhub.security.Role.ADMIN);
        String name = union && full ? members.find(w.memberId).map(cn.unionhub.membercard.member.domain.Member::name).orElse(null) : null;
        String card = w.card == null ? null : full ? w.card : CardNumbers.mask(w.card);
        return new WithdrawalView(w.id, w.status, w.amountFen, card, full ? w.payee : null, union ? w.memberId : null, name,
                w.district, BusinessCalendar.beijing(w.createdAt), BusinessCalendar.beijing(w.sentAt),
                BusinessCalendar.beijing(w.finishedAt), w.bankReference, w.note, w.transferId,
                w.returnTransferId);
    }
}
