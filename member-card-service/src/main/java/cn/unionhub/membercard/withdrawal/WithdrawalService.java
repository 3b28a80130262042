package cn.unionhub.membercard.withdrawal;

import cn.unionhub.membercard.card.domain.Card;
import cn.unionhub.membercard.card.domain.CardType;
import cn.unionhub.membercard.card.store.CardClaims;
import cn.unionhub.membercard.card.store.Cards;
import cn.unionhub.membercard.common.DistrictOffice;
import cn.unionhub.membercard.common.StoredTime;
import cn.unionhub.membercard.common.store.AcceptedOnce;
import cn.unionhub.membercard.ledger.LedgerService;
import cn.unionhub.membercard.ledger.domain.AccountKind;
import cn.unionhub.membercard.ledger.domain.Fen;
import cn.unionhub.membercard.ledger.domain.Ledger;
import cn.unionhub.membercard.ledger.domain.LedgerException;
import cn.unionhub.membercard.ledger.domain.Transfer;
import cn.unionhub.membercard.ledger.domain.TransferRequest;
import cn.unionhub.membercard.ledger.store.LedgerStore;
import cn.unionhub.membercard.member.domain.Member;
import cn.unionhub.membercard.member.store.Members;
import cn.unionhub.membercard.withdrawal.store.Withdrawals;
import cn.unionhub.membercard.withdrawal.store.Withdrawals.WithdrawalDocument;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.security.Actor;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * 提现: a worker takes money out of their welfare account — wages paid through 民工惠 above all — to the bank account of
 * their own member service card (issued on the co-branding bank's card stock), the only place it can go: a stolen
 * token cannot send a worker's money anywhere else. The wallet is debited at once into the district's settlement
 * account (the union's bank), so the money cannot be spent twice while the bank pays; the district union's clerk puts
 * the request in the bank's payment file (SENT) and books the bank's answer: PAID with the bank's reference, or
 * RETURNED (the money back in the wallet). The worker may cancel until the request is in a payment file.
 *
 * <p>A worker who has left the union keeps their wallet and may still withdraw: wages are theirs, membership or not.
 */
@Service
public class WithdrawalService {

    static final String CODE = "withdrawal";
    static final String RETURN_CODE = "withdrawal-return";
    private static final String SCOPE = LedgerService.SYSTEM_REFERENCES;
    private static final Pattern BANK_REFERENCE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final int MAX_NOTE = 200;
    private static final int MAX_PAYEE = 100;
    /** When a stopped step is finished by its reminder. */
    private static final Duration REMIND_AFTER = Duration.ofSeconds(30);

    private final Withdrawals withdrawals;
    private final AcceptedOnce<WithdrawalDocument> store;
    private final LedgerService ledgerService;
    private final Ledger ledger;
    private final LedgerStore accounts;
    private final CardClaims claims;
    private final Cards cards;
    private final Members members;
    private final Clock clock;

    WithdrawalService(Withdrawals withdrawals, LedgerService ledgerService, Ledger ledger, LedgerStore accounts, CardClaims claims,
            Cards cards, Members members, Clock clock) {
        this.members = members;
        this.withdrawals = withdrawals;
        this.store = withdrawals.store();
        this.ledgerService = ledgerService;
        this.ledger = ledger;
        this.accounts = accounts;
        this.claims = claims;
        this.cards = cards;
        this.clock = clock;
    }

    /** The worker asks for {@code amountFen} of their wallet to be paid to their card; once per {@code Idempotency-Key}. */
    public WithdrawalDocument request(BigDecimal amountFen, String key, Actor worker) {
        Member member = ledgerService.memberOf(worker);
        requireKey(key);
        long amount = Fen.of(amountFen, "amountFen");
        Claimed claimed = claim(worker.subject(), key, "amount:" + amount);
        if (claimed.earlier() != null) {
            return answer(complete(claimed.earlier()));
        }
        // Checked before anything is stored (a retry under the same key after the card is activated goes on from here).
        String card = usableCard(member.id()).orElseThrow(() -> new LedgerException.Refused("withdrawal-no-usable-card"));
        return create(claimed.id(), member, worker.subject(), card, null, null, amount);
    }

    private static void requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw new LedgerException.Invalid("Idempotency-Key", "ledger-key-required");
        }
    }

    /** The id a request under a key creates, and the withdrawal created under it before, if any (a retry answers that). */
    private record Claimed(String id, WithdrawalDocument earlier) {
    }

    private Claimed claim(String caller, String key, String fingerprint) {
        String id = withdrawals.keys().claim(caller, key.strip(), fingerprint, WithdrawalService::newId).orElseThrow().id();
        return new Claimed(id, store.find(id).orElse(null));
    }

    /**
     * 线下提现: a worker whose card is gone and who can get no other — one who left the union and then lost it — has their
     * wallet paid out by the district's clerk, who checked them in person and enters where the money goes; another person
     * of the office sends it to the bank (the money could otherwise go anywhere on one person's word). Not for a member
     * with a usable card: they ask from their app.
     */
    public WithdrawalDocument requestWithoutCard(String memberId, BigDecimal amountFen, String payee, String key, Actor clerk) {
        Member member = memberId == null ? null : members.find(memberId).filter(m -> DistrictOffice.runs(clerk, m.district())).orElse(null);
        if (member == null) {
            throw new LedgerException.NotFound("withdrawal-member-not-found", memberId);
        }
        requireKey(key);
        long amount = Fen.of(amountFen, "amountFen");
        String to = payee == null ? "" : payee.strip();
        if (to.length() < 5 || to.length() > MAX_PAYEE) {
            throw new LedgerException.Invalid("payee", "withdrawal-payee", MAX_PAYEE);
        }
        Claimed claimed = claim(clerk.subject(), key, "offline:" + memberId + ":" + amount + ":" + to);
        if (claimed.earlier() != null) {
            return answer(complete(claimed.earlier()));
        }
        if (usableCard(member.id()).isPresent()) {
            throw new LedgerException.Refused("withdrawal-member-has-card", memberId);
        }
        return create(claimed.id(), member, member.account(), null, to, clerk.subject(), amount);
    }

    private WithdrawalDocument create(String id, Member member, String account, String card, String payee, String enteredBy, long amount) {
        if (accounts.account(AccountKind.MEMBER_WALLET.accountId(member.id())).isEmpty()) {
            throw new LedgerException.Refused("withdrawal-nothing-to-withdraw"); // nothing ever paid in
        }
        if (accounts.account(AccountKind.SETTLEMENT.accountId(member.district())).isEmpty()) {
            throw new LedgerException.Refused("withdrawal-not-offered"); // no bank account on the district's books
        }
        Instant now = StoredTime.now(clock);
        WithdrawalDocument w = new WithdrawalDocument();
        w.id = id;
        w.memberId = member.id();
        w.account = account;
        w.district = member.district();
        w.card = card;
        w.payee = payee;
        w.enteredBy = enteredBy;
        w.amountFen = amount;
        w.transferId = Transfer.idFor(SCOPE, reference(w.id));
        w.status = AcceptedOnce.ACCEPTED;
        w.createdAt = now;
        withdrawals.list(w);
        if (!store.insert(w, now.plus(REMIND_AFTER))) {
            return answer(complete(store.find(w.id).orElseThrow()));
        }
        return answer(complete(w));
    }

    /** The member's active service card (or, without one, their active model-worker card): both are bank cards. */
    private Optional<String> usableCard(String memberId) {
        for (CardType type : List.of(CardType.MEMBER_SERVICE_CARD, CardType.MODEL_WORKER_CARD)) {
            Optional<String> number = claims.of(memberId, type).map(CardClaims.Claim::card)
                    .flatMap(cards::byNumber).filter(c -> c.status() == Card.Status.ACTIVE && memberId.equals(c.memberId()))
                    .map(Card::number);
            if (number.isPresent()) {
                return number;
            }
        }
        return Optional.empty();
    }

    /** A refusal by the ledger (the wallet short) is the request's answer, as a transfer's: 409 naming what moved — nothing. */
    private static WithdrawalDocument answer(WithdrawalDocument w) {
        if ("REFUSED".equals(w.status)) {
            throw LedgerException.Refused.transfer(w.reason, w.transferId);
        }
        return w;
    }

    /**
     * Finishes what a stored withdrawal still owes: the wallet's debit of an accepted one, the money back of a cancelled or
     * returned one (each a transfer under its own reference: done once however often this runs).
     */
    private WithdrawalDocument complete(WithdrawalDocument w) {
        String wallet = AccountKind.MEMBER_WALLET.accountId(w.memberId);
        String bank = AccountKind.SETTLEMENT.accountId(w.district);
        if (AcceptedOnce.ACCEPTED.equals(w.status)) {
            Transfer debit = ledger.submit(SCOPE, reference(w.id), TransferRequest.transfer(wallet, bank, w.amountFen, CODE, reference(w.id)),
                    "withdrawal:" + w.memberId);
            w = debit.status() == Transfer.Status.POSTED ? store.finish(w.id, "REQUESTED", null, List.of())
                    : store.finish(w.id, "REFUSED", debit.reason(), List.of());
        } else if ("CANCELLED".equals(w.status) || "RETURNED".equals(w.status)) {
            String back = reference(w.id) + ":return";
            ledger.submit(SCOPE, back, TransferRequest.transfer(bank, wallet, w.amountFen, RETURN_CODE, back), "withdrawal:" + w.memberId);
        }
        if (!Withdrawals.OPEN.contains(w.status)) {
            withdrawals.unlistOpen(w.district, w.id); // ended: out of the clerk's queue (a stop before this is tidied on reading)
        }
        return w;
    }

    private static String reference(String id) {
        return "withdrawal:" + id;
    }

    private static String newId() {
        return "WD" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase(java.util.Locale.ROOT);
    }

    // ---------------------------------------------------------------- the worker

    public List<WithdrawalDocument> mine(Actor worker) {
        return withdrawals.ofMember(ledgerService.memberOf(worker).id());
    }

    /** The worker takes a request back while it is not yet in the bank's payment file; the money is back in the wallet. */
    public WithdrawalDocument cancel(String id, Actor worker) {
        WithdrawalDocument w = visible(id, worker);
        if (!owns(w, worker)) {
            throw new ForbiddenException("withdrawal-not-yours", id);
        }
        return moveOn(w, Set.of("REQUESTED"), "CANCELLED", d -> {
            d.handledBy = worker.subject();
            d.returnTransferId = Transfer.idFor(SCOPE, reference(d.id) + ":return");
        });
    }

    /** The member who asked for it, by the login that asked or the one their membership is linked to now. */
    private boolean owns(WithdrawalDocument w, Actor actor) {
        return actor.subject() != null && (actor.subject().equals(w.account)
                || members.byAccount(actor.subject()).map(Member::id).filter(w.memberId::equals).isPresent());
    }

    // ---------------------------------------------------------------- the district union's clerk

    /** The district's requests waiting for the bank, oldest first (the next payment file). */
    public List<WithdrawalDocument> open(String district, Actor actor) {
        return withdrawals.openIn(DistrictOffice.toRead(actor, district));
    }

    /** Put in the bank's payment file: from now on only the bank's answer ends it (the worker can no longer cancel). */
    public WithdrawalDocument sent(String id, Actor clerk) {
        WithdrawalDocument w = run(id, clerk);
        if (w.card == null && "REQUESTED".equals(w.status) && clerk.subject() != null && clerk.subject().equals(w.enteredBy)) {
            throw new cn.unionhub.platform.domain.ForbiddenException("withdrawal-second-clerk", w.id);
        }
        if (w.card != null && "REQUESTED".equals(w.status) && usableCard(w.memberId).filter(w.card::equals).isEmpty()) {
            // The card was frozen, reported lost or replaced since: its bank account may be closed. Returned, the worker asks
            // again and the money goes to the card they hold now.
            throw new LedgerException.Refused("withdrawal-card-stopped", w.id);
        }
        return moveOn(w, Set.of("REQUESTED"), "SENT", d -> {
            d.sentAt = StoredTime.now(clock);
            d.handledBy = clerk.subject();
        });
    }

    /** The bank paid it: its reference is kept; the same answer again is answered as the first. */
    public WithdrawalDocument paid(String id, String bankReference, Actor clerk) {
        WithdrawalDocument w = run(id, clerk);
        String ref = bankReference == null ? "" : bankReference.strip();
        if (!BANK_REFERENCE.matcher(ref).matches()) {
            throw new LedgerException.Invalid("bankReference", "withdrawal-bank-reference");
        }
        if ("PAID".equals(w.status) && !ref.equals(w.bankReference)) {
            throw new LedgerException.Refused("withdrawal-paid-other-reference", w.id, w.bankReference);
        }
        // Only what was sent to the bank comes back paid: booked straight from REQUESTED it skipped the check of the card at
        // sending (a frozen card's withdrawal was booked paid, exploratory test, 2026-12-04).
        WithdrawalDocument paid = moveOn(w, Set.of("SENT"), "PAID", d -> {
            d.bankReference = ref;
            d.handledBy = clerk.subject();
        });
        if (!ref.equals(paid.bankReference)) {
            // Two answers at once, another reference first: this one is not booked (both were told "paid").
            throw new LedgerException.Refused("withdrawal-paid-other-reference", paid.id, paid.bankReference);
        }
        return paid;
    }

    /** The bank could not pay it (account closed, name differs): the money goes back to the wallet. */
    public WithdrawalDocument returned(String id, String note, Actor clerk) {
        WithdrawalDocument w = run(id, clerk);
        String why = note == null ? "" : note.strip();
        if (why.isEmpty() || why.length() > MAX_NOTE) {
            throw new LedgerException.Invalid("note", "withdrawal-return-note", MAX_NOTE);
        }
        WithdrawalDocument returned = moveOn(w, Withdrawals.OPEN, "RETURNED", d -> {
            d.note = why;
            d.handledBy = clerk.subject();
            d.returnTransferId = Transfer.idFor(SCOPE, reference(d.id) + ":return");
        });
        if (!why.equals(returned.note)) {
            throw new LedgerException.Refused("withdrawal-returned-other-note", returned.id, returned.note);
        }
        return returned;
    }

    /**
     * Moves the withdrawal to {@code to} from one of {@code from}; asked again once there, answers it as it is (finishing the
     * money's way back if a stop cut it off). From anywhere else: 409 naming the status it is in.
     */
    private WithdrawalDocument moveOn(WithdrawalDocument w, Set<String> from, String to, Consumer<WithdrawalDocument> step) {
        if (!to.equals(w.status) && !from.contains(w.status)) {
            throw new LedgerException.Refused("withdrawal-not-open", w.id, "WITHDRAWAL_" + w.status);
        }
        if (!to.equals(w.status)) {
            store.remind(w.id, StoredTime.now(clock).plus(REMIND_AFTER)); // set first: a stop before the money is back is finished
            WithdrawalDocument moved = store.advance(w.id, from, d -> {
                step.accept(d);
                d.status = to;
                if (!"SENT".equals(to)) {
                    d.finishedAt = StoredTime.now(clock);
                }
            });
            if (!to.equals(moved.status)) {
                throw new LedgerException.Refused("withdrawal-not-open", moved.id, "WITHDRAWAL_" + moved.status); // moved first by another
            }
            w = moved;
        }
        return complete(w);
    }

    // ---------------------------------------------------------------- reading

    /** A withdrawal for its worker, and for the district union (and city union staff) over the member's district. */
    public WithdrawalDocument visible(String id, Actor actor) {
        WithdrawalDocument w = store.find(id).filter(d -> !AcceptedOnce.ACCEPTED.equals(d.status)).orElse(null);
        boolean sees = w != null && (owns(w, actor) || DistrictOffice.oversees(actor, w.district));
        if (!sees) {
            throw new LedgerException.NotFound("withdrawal-not-found", id);
        }
        return w;
    }

    /** Whether the caller may see the card's full number and the member's name: the worker, and those who run the district. */
    public boolean runsOrOwns(WithdrawalDocument w, Actor actor) {
        return owns(w, actor) || DistrictOffice.runs(actor, w.district);
    }

    private WithdrawalDocument run(String id, Actor clerk) {
        WithdrawalDocument w = visible(id, clerk);
        if (!DistrictOffice.runs(clerk, w.district)) {
            throw new ForbiddenException("withdrawal-district-books-it", id);
        }
        return w;
    }

    @Scheduled(fixedDelayString = "${unionhub.withdrawals.check-interval:PT15S}", initialDelayString = "PT27S")
    void finishDue() {
        store.remindDue(clock.instant(), id -> store.find(id).ifPresent(this::complete));
    }
}
