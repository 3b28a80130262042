package cn.unionhub.membercard.ledger;

import cn.unionhub.membercard.common.DistrictOffice;
import cn.unionhub.membercard.ledger.domain.Account;
import cn.unionhub.membercard.ledger.domain.AccountKind;
import cn.unionhub.membercard.ledger.domain.JournalEntry;
import cn.unionhub.membercard.ledger.domain.Ledger;
import cn.unionhub.membercard.ledger.domain.LedgerException;
import cn.unionhub.membercard.ledger.domain.Transfer;
import cn.unionhub.membercard.ledger.domain.TransferRequest;
import cn.unionhub.membercard.ledger.store.LedgerStore;
import cn.unionhub.membercard.member.domain.Member;
import cn.unionhub.membercard.member.store.Members;
import cn.unionhub.membercard.registry.domain.OrganisationKind;
import cn.unionhub.membercard.registry.store.Organisations;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Who may move which money, in front of the {@link Ledger}. The city union (ADMIN) keeps the city's
 * accounts and may act on any; a district union moves money only out of its own district's union
 * accounts (settlement, fund, campaign budgets, suspense, escrow) and only into accounts of its own
 * district; a worker reads their own wallet. Wallets are never debited here: a member's money leaves
 * only by a withdrawal to their own card (提现, the withdrawal feature), by spending it at a merchant, or by the city
 * union correcting a mistake.
 *
 * <p>An account the caller may not see answers exactly like one that does not exist.
 */
@Service
public class LedgerService {

    /** The accounts a district union may pay out of. */
    private static final Set<AccountKind> DISTRICT_PAYS_FROM = Set.of(AccountKind.SETTLEMENT, AccountKind.UNION_FUND,
            AccountKind.CAMPAIGN_BUDGET, AccountKind.SUSPENSE, AccountKind.EMPLOYER_ESCROW, AccountKind.MERCHANT_RECEIVABLE);

    /** Accounts only their own business flow credits: coupons (a campaign's grant), merchants' receivables (redemptions). */
    private static final Set<AccountKind> CREDITED_BY_THEIR_FLOWS = Set.of(AccountKind.COUPON, AccountKind.MERCHANT_RECEIVABLE);

    /** The scope of the keys the system gives its own transfers (grants, payroll, coupons, awards). */
    public static final String SYSTEM_REFERENCES = "reference";

    private final Ledger ledger;
    private final LedgerStore store;
    private final Members members;
    private final Organisations organisations;
    private final Clock clock;
    /** Money booked as arrived from the bank above this takes two people (双人复核). */
    private final long secondClerkAboveFen;
    private final cn.unionhub.membercard.ledger.store.SingleHandedBookings singleHandedBookings;
    private final cn.unionhub.membercard.ledger.store.RepaymentsDue repaymentsDue;

    LedgerService(Ledger ledger, LedgerStore store, Members members, Organisations organisations, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${unionhub.ledger.second-clerk-above-fen:100000000}") long secondClerkAboveFen,
            cn.unionhub.membercard.ledger.store.SingleHandedBookings singleHandedBookings,
            cn.unionhub.membercard.ledger.store.RepaymentsDue repaymentsDue) {
        this.repaymentsDue = repaymentsDue;
        this.secondClerkAboveFen = secondClerkAboveFen;
        this.singleHandedBookings = singleHandedBookings;
        this.ledger = ledger;
        this.store = store;
        this.members = members;
        this.organisations = organisations;
        this.clock = clock;
    }

    /** Opens a union-side account (not a wallet: those open with their member's first credit). */
    public Account open(AccountKind kind, String owner, String district, String label, Actor actor) {
        if (kind == AccountKind.MEMBER_WALLET) {
            throw new LedgerException.Invalid("kind", "ledger-wallet-opens-itself");
        }
        if (kind == AccountKind.CAMPAIGN_BUDGET || kind == AccountKind.COUPON || kind == AccountKind.MERCHANT_RECEIVABLE) {
            // Opened by their campaign or merchant registration, which adopt an account already there:
            // opened here first, by anyone, it would have been theirs.
            throw new LedgerException.Invalid("kind", "ledger-account-opens-itself");
        }
        String forDistrict = DistrictOffice.actingFor(actor, district);
        requireOwnerOf(kind, owner, forDistrict);
        if (label == null || label.isBlank() || label.length() > 60) {
            throw new LedgerException.Invalid("label", "ledger-label-invalid");
        }
        Account account = Account.open(kind, owner, forDistrict, label.strip(), clock.instant());
        if (!store.open(account)) {
            // Opening is idempotent by id: the account as it is (its first label stays). Another district's is a conflict.
            Account existing = store.account(account.id()).orElseThrow();
            if (!Objects.equals(existing.district(), forDistrict)) {
                throw new LedgerException.Refused("ledger-account-exists", account.id());
            }
            return ledger.account(account.id());
        }
        return account;
    }

    /**
     * A district's own accounts are named after it ({@code fund:<district>}), and an escrow after an
     * enterprise of the district: opened by another district, {@code fund:110105} would be that
     * district's to spend and read, and the real owner refused its own account.
     */
    private void requireOwnerOf(AccountKind kind, String owner, String forDistrict) {
        if (forDistrict == null || owner == null) {
            return; // the city union, for the city or a district it names; a missing owner is the form's problem
        }
        boolean own = switch (kind) {
            case UNION_FUND, SETTLEMENT, SUSPENSE -> forDistrict.equals(owner.strip());
            case EMPLOYER_ESCROW -> organisations.find(owner.strip())
                    .filter(o -> o.kind() == OrganisationKind.ENTERPRISE && forDistrict.equals(o.district())).isPresent();
            default -> true;
        };
        if (!own) {
            throw new LedgerException.Invalid("owner", "ledger-owner-outside-your-district");
        }
    }

    /**
     * Carries out a transfer, hold, posting or void under the caller's key (or the request's
     * business reference, which is one key for everybody), once.
     */
    public Transfer submit(TransferRequest request, String idempotencyKey, Actor actor) {
        String key = request.reference() != null ? request.reference() : idempotencyKey;
        if (key == null || key.isBlank() || key.length() > 200) {
            throw new LedgerException.Invalid("Idempotency-Key", "ledger-key-required");
        }
        Account debited;
        long singleHanded = 0; // booked through the bank (in or out) by one person alone: counted towards their day
        String bank = null;    // the settlement account it went through
        if (request.holdId() != null) {
            Transfer hold = visibleTransfer(request.holdId(), actor);
            debited = account(hold.debitAccountId());
            requireMayDebit(debited, actor);
            bank = bankOf(debited.id(), hold.creditAccountId());
            boolean ownHold = actor.subject() != null && actor.subject().equals(hold.requestedBy());
            if (request.kind() == Transfer.Kind.POST && needsSecondClerk(debited, bank, hold.amountFen()) && ownHold) {
                throw new ForbiddenException("ledger-second-clerk-not-you", hold.id());
            }
            if (request.kind() == Transfer.Kind.POST && ownHold && bank != null) {
                singleHanded = request.amountFen() == null ? hold.amountFen() : request.amountFen();
            }
        } else {
            debited = visibleAccount(request.debitAccountId(), actor);
            requireMayDebit(debited, actor);
            if (request.kind() == Transfer.Kind.BATCH) {
                request.credits().forEach(c -> requireMayCredit(debited, creditable(c.accountId(), actor), request.code(), actor));
            } else {
                requireMayCredit(debited, creditable(request.creditAccountId(), actor), request.code(), actor);
                bank = bankOf(debited.id(), request.creditAccountId());
            }
            if (request.kind() == Transfer.Kind.BATCH) {
                // Out of the bank, or into it among the credits: a batch paying one credit to the bank went through alone
                // (exploratory test, 2026-12-05).
                bank = debited.kind() == AccountKind.SETTLEMENT ? debited.id() : request.credits().stream().map(Transfer.Credit::accountId)
                        .filter(id -> AccountKind.ofAccountId(id) == AccountKind.SETTLEMENT).findFirst().orElse(null);
            }
            if (MERCHANT_REPAYMENT.equals(request.code()) && request.creditAccountId() != null
                    && AccountKind.ofAccountId(request.creditAccountId()) == AccountKind.MERCHANT_RECEIVABLE && !actor.has(Role.ADMIN)) {
                // As much as the refunds waiting on it need, no more.
                long room = repaymentsDue.owed(request.creditAccountId()) - ledger.account(request.creditAccountId()).balances().available();
                if (requestedFen(request) > room) {
                    throw new LedgerException.Refused("ledger-repayment-over-due", Math.max(0, room));
                }
            }
            if (request.kind() != Transfer.Kind.HOLD && needsSecondClerk(debited, bank, requestedFen(request))) {
                throw secondClerkRequired(request);
            }
            if (request.kind() != Transfer.Kind.HOLD && bank != null) {
                singleHanded = requestedFen(request);
            }
        }
        String scope = scopeOf(request, key, debited, actor);
        if (singleHanded <= 0 || actor.subject() == null || store.find(Transfer.idFor(scope, key)).isPresent()) {
            return ledger.submit(scope, key, request, actor.subject()); // a retry of what was booked before counts once
        }
        java.time.LocalDate day = java.time.LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai")));
        if (!singleHandedBookings.reserve(bank, actor.subject(), day, singleHanded, secondClerkAboveFen)) {
            throw secondClerkRequired(request);
        }
        Transfer booked = ledger.submit(scope, key, request, actor.subject());
        if (booked.status() == Transfer.Status.REJECTED) {
            singleHandedBookings.release(bank, actor.subject(), day, singleHanded);
        }
        return booked;
    }

    /**
     * Above the limit, alone or summed over the person's day: a transfer is proposed as a HOLD another person posts; a batch
     * (which cannot be held) is paid from the fund once two people have moved the sum there.
     */
    private LedgerException.Refused secondClerkRequired(TransferRequest request) {
        if (request.debitAccountId() != null && request.debitAccountId().startsWith(AccountKind.SUSPENSE.accountId(""))) {
            return new LedgerException.Refused("ledger-second-clerk-suspense");
        }
        boolean fromTheBank = request.debitAccountId() != null && AccountKind.ofAccountId(request.debitAccountId()) == AccountKind.SETTLEMENT;
        return new LedgerException.Refused(request.kind() == Transfer.Kind.BATCH && fromTheBank ? "ledger-second-clerk-batch"
                : "ledger-second-clerk-required", secondClerkAboveFen / 100);
    }

    /**
     * Money booked as arrived from the bank (a debit of a settlement account) is the one entry nothing else checks: one
     * clerk could book ten billion yuan into the union's fund and spend it. Above the limit it is proposed as a HOLD and
     * posted by another person of the office (the limit is configurable; the city union's administrators are held to it
     * as well: it is about two people, not about rank).
     */
    private boolean needsSecondClerk(Account debited, String bank, long amountFen) {
        // Money paid out to the bank as well as booked in from it: one clerk paid any sum out of the fund or a merchant's
        // receivable alone (exploratory test, 2026-12-05). Wages parked for workers who were not members are theirs,
        // whatever the sum: one clerk placed them in any member's wallet. By hand both move as a HOLD another person posts.
        return bank != null && amountFen > secondClerkAboveFen || debited.kind() == AccountKind.SUSPENSE;
    }

    /** The district's settlement account (its bank) a transfer between these two accounts goes through; null for none. */
    private static String bankOf(String debitAccountId, String creditAccountId) {
        if (AccountKind.ofAccountId(debitAccountId) == AccountKind.SETTLEMENT) {
            return debitAccountId;
        }
        return creditAccountId != null && AccountKind.ofAccountId(creditAccountId) == AccountKind.SETTLEMENT ? creditAccountId : null;
    }

    private static long requestedFen(TransferRequest request) {
        if (request.kind() == Transfer.Kind.BATCH && request.credits() != null) {
            return request.credits().stream().mapToLong(Transfer.Credit::amountFen).reduce(0, Math::addExact);
        }
        return request.amountFen() == null ? 0 : request.amountFen();
    }

    /**
     * Whose keys a request's key is among. A caller's own key: that caller's. A business reference:
     * one key for everybody paying from that district's accounts (two clerks sending the same payroll
     * line get one transfer), but never the system's: the system keys its own transfers by references
     * anyone can predict ({@code model-worker-grant:<district>:<year>}, {@code payroll:<batch>},
     * {@code order:<redemption>}), and a caller who sent one of them first would have blocked that
     * grant or payroll for good. References sent before 2026-12-02 were in the system's scope: a retry
     * of one of those finds its first result there.
     */
    private String scopeOf(TransferRequest request, String key, Account debited, Actor actor) {
        if (request.reference() == null) {
            return "caller:" + actor.subject();
        }
        if (store.find(Transfer.idFor(SYSTEM_REFERENCES, key)).filter(t -> actor.subject().equals(t.requestedBy())).isPresent()) {
            return SYSTEM_REFERENCES;
        }
        return "reference:" + debited.district();
    }

    /** Pays into a member's wallet from a union account, as the system (award money, grants); opens the wallet first. */
    public Transfer payMember(String memberId, String fromAccount, long amountFen, String code, String reference) {
        String wallet = creditable(AccountKind.MEMBER_WALLET.accountId(memberId), null).id();
        return ledger.submit(SYSTEM_REFERENCES, reference, TransferRequest.transfer(fromAccount, wallet, amountFen, code, reference), "system");
    }

    public Account visibleAccount(String accountId, Actor actor) {
        Account account = account(accountId);
        if (!maySee(account, actor)) {
            throw new LedgerException.NotFound("ledger-account-not-found", accountId);
        }
        return account;
    }

    public List<JournalEntry> lines(String accountId, long after, int size, Actor actor) {
        return lines(visibleAccount(accountId, actor), after, size);
    }

    /** Lines of an account the caller was shown already (their own wallet and coupons): no second read of it. */
    public List<JournalEntry> lines(Account account, long after, int size) {
        return store.lines(account.id(), Math.max(0, after), account.sequence(), Math.min(Math.max(size, 1), 200));
    }

    /**
     * Where each line's money came from or went (the other account of its transfer) and what for (the
     * transfer's code), for lines the caller may already read: a worker tells wages from a grant in their
     * wallet, and sees at which merchant their coupon paid — a till that reused a pay code for a second order
     * shows there. A batch's other side is its debited account; a line of the batch's debit has none.
     */
    public Map<String, Counterpart> counterparts(List<JournalEntry> lines) {
        Map<String, Counterpart> found = new java.util.HashMap<>();
        // One _id $in read for the lines' transfers, not one read per line.
        store.readAll(lines.stream().map(JournalEntry::transferId).distinct().toList()).forEach((id, read) -> found.put(id,
                new Counterpart(read.transfer().debitAccountId(), read.transfer().creditAccountId(), read.transfer().code())));
        return found;
    }

    /** The two accounts and the code of a line's transfer. */
    public record Counterpart(String debitAccountId, String creditAccountId, String code) {

        /** The account on the other side of a line of {@code accountId}. */
        public String otherThan(String accountId) {
            return accountId.equals(debitAccountId) ? creditAccountId : debitAccountId;
        }
    }

    public Transfer visibleTransfer(String transferId, Actor actor) {
        Transfer t = store.find(transferId).orElseThrow(() -> new LedgerException.NotFound("ledger-transfer-not-found", transferId));
        boolean sees = actor.has(Role.ADMIN) || actor.subject() != null && actor.subject().equals(t.requestedBy())
                || maySee(account(t.debitAccountId()), actor) && !actor.has(Role.WORKER)
                || actor.has(Role.WORKER) && ownSide(t, actor);
        if (!sees) {
            throw new LedgerException.NotFound("ledger-transfer-not-found", transferId);
        }
        Transfer woken = ledger.wake(transferId);
        return actor.has(Role.WORKER) && !actor.has(Role.ADMIN) ? ownPart(woken, actor) : woken;
    }

    /**
     * A batch as a worker sees it: their own credit, not the batch's total or anyone else's line (a payroll's total is the
     * employer's whole wage bill).
     */
    private Transfer ownPart(Transfer t, Actor worker) {
        if (t.kind() != Transfer.Kind.BATCH || t.credits() == null) {
            return t;
        }
        String member = members.byAccount(worker.subject()).map(Member::id).orElse(null);
        List<Transfer.Credit> own = t.credits().stream().filter(c -> isOwn(c.accountId(), member)).toList();
        long amount = own.stream().mapToLong(Transfer.Credit::amountFen).sum();
        return new Transfer(t.id(), t.scope(), t.key(), t.fingerprint(), t.kind(), t.debitAccountId(),
                own.isEmpty() ? null : own.get(0).accountId(), amount, t.holdId(), t.heldFen(), t.code(), t.reference(), t.requestedBy(),
                t.createdAt(), t.expiresAt(), t.status(), t.reason(), t.finishedAt(), t.settledBy(), own);
    }

    /** The member the worker's account is linked to. */
    public Member memberOf(Actor worker) {
        return members.byAccount(worker.subject())
                .orElseThrow(() -> new LedgerException.NotFound("membership-not-found", worker.subject()));
    }

    /** The member's wallet; empty (nothing paid in yet) when it has not opened. */
    public Optional<Account> walletOf(String memberId) {
        return store.account(AccountKind.MEMBER_WALLET.accountId(memberId)).map(a -> ledger.account(a.id()));
    }

    private Account account(String accountId) {
        if (accountId == null) {
            throw new LedgerException.Invalid("debitAccount", "ledger-account-required");
        }
        AccountKind.ofAccountId(accountId);
        return store.account(accountId).map(a -> ledger.account(a.id()))
                .orElseThrow(() -> new LedgerException.NotFound("ledger-account-not-found", accountId));
    }

    /**
     * The account to credit; a member's wallet opens at its first credit if the member is in the register.
     * For a caller ({@code null}: the system), a member's wallet outside the districts they run answers as an
     * unknown one, checked before the wallet opens: a refused transfer changes nothing, and a union cannot
     * learn by trying whether someone elsewhere is a member.
     */
    private Account creditable(String accountId, Actor caller) {
        if (accountId != null && AccountKind.ofAccountId(accountId) == AccountKind.MEMBER_WALLET) {
            Optional<Account> wallet = store.account(accountId);
            java.util.function.Predicate<String> reaches = district -> caller == null || DistrictOffice.runs(caller, district);
            if (wallet.isEmpty()) {
                String memberId = accountId.substring(AccountKind.MEMBER_WALLET.prefix().length() + 1);
                Member member = members.find(memberId).filter(m -> m.status() == Member.Status.ACTIVE)
                        .filter(m -> reaches.test(m.district()))
                        .orElseThrow(() -> new LedgerException.NotFound("ledger-account-not-found", accountId));
                store.open(Account.open(AccountKind.MEMBER_WALLET, member.id(), member.district(), "会员福利账户", clock.instant()));
            } else if (!reaches.test(wallet.get().district())) {
                throw new LedgerException.NotFound("ledger-account-not-found", accountId);
            }
        }
        return account(accountId);
    }

    /**
     * Whether a worker's own wallet or coupon is a side of the transfer: the wallet's lines name their transfers, and the
     * worker could open none of them (404), wages and grants included (exploratory test, 2026-12-04).
     */
    private boolean ownSide(Transfer t, Actor worker) {
        List<String> sides = new java.util.ArrayList<>();
        sides.add(t.debitAccountId());
        if (t.creditAccountId() != null) {
            sides.add(t.creditAccountId());
        }
        if (t.credits() != null) {
            t.credits().forEach(c -> sides.add(c.accountId()));
        }
        String member = members.byAccount(worker.subject()).map(Member::id).orElse(null);
        return sides.stream().anyMatch(side -> isOwn(side, member));
    }

    /** Whether the account is the member's wallet or one of their coupons — by id, not by reading it (a batch credits thousands). */
    private static boolean isOwn(String accountId, String member) {
        return member != null && (accountId.equals(AccountKind.MEMBER_WALLET.accountId(member))
                || accountId.startsWith(AccountKind.COUPON.prefix() + ":") && accountId.endsWith("." + member));
    }

    private boolean maySee(Account account, Actor actor) {
        if (DistrictOffice.oversees(actor, account.district())) {
            return true;
        }
        if (actor.has(Role.WORKER) && account.kind() == AccountKind.MEMBER_WALLET) {
            return members.byAccount(actor.subject()).map(m -> account.owner().equals(m.id())).orElse(false);
        }
        if (actor.has(Role.WORKER) && account.kind() == AccountKind.COUPON) {
            // coupon:<campaign>.<member id>: the holder follows what their coupon paid, where and when.
            return members.byAccount(actor.subject()).map(m -> account.owner().endsWith("." + m.id())).orElse(false);
        }
        return false;
    }

    private void requireMayDebit(Account account, Actor actor) {
        boolean may = actor.has(Role.ADMIN) || DISTRICT_PAYS_FROM.contains(account.kind()) && DistrictOffice.runs(actor, account.district());
        if (!may) {
            throw new ForbiddenException("ledger-may-not-debit", account.id());
        }
    }

    /**
     * Beside the district: a union's hand transfer does not do what a business flow exists for. An employer's
     * wage escrow pays members only through a payroll batch (which checks every line and reports the strangers),
     * so by hand it goes back to the employer (settlement) and nowhere else; coupons are credited only by a
     * campaign's grant (with its record and event) and a merchant's receivable only by redemptions. The city
     * union's administrators may still correct anything.
     */
    /**
     * The code of the one hand credit of a merchant's receivable: the merchant paid back through the bank what a refund of
     * an order settled already needs (商户退款回款), so the refund can go through — the district union could not do it
     * (only the city union's administrators could), and the refund stayed refused for good (exploratory test, 2026-12-05).
     */
    public static final String MERCHANT_REPAYMENT = "merchant-repayment";

    private void requireMayCredit(Account debited, Account credited, String code, Actor actor) {
        if (!DistrictOffice.runs(actor, credited.district())) {
            throw new ForbiddenException("ledger-may-not-credit", credited.id());
        }
        if (actor.has(Role.ADMIN)) {
            return;
        }
        if (debited.kind() == AccountKind.EMPLOYER_ESCROW && credited.kind() != AccountKind.SETTLEMENT) {
            throw new ForbiddenException("ledger-escrow-through-payroll", debited.id());
        }
        // Wages parked for a worker who is not (yet) a member are the worker's: placed in their wallet once they join, or
        // returned to the employer's escrow — a clerk could move them into the union's own fund (exploratory test, 2026-12-04).
        if (debited.kind() == AccountKind.SUSPENSE && credited.kind() != AccountKind.MEMBER_WALLET
                && credited.kind() != AccountKind.EMPLOYER_ESCROW) {
            throw new ForbiddenException("ledger-suspense-to-workers", debited.id());
        }
        // What the members' coupons paid a merchant is settled to the merchant through the bank: out of the receivable
        // into the district's settlement account (its bank), nowhere else (it was stuck there: no one could debit it).
        if (debited.kind() == AccountKind.MERCHANT_RECEIVABLE && credited.kind() != AccountKind.SETTLEMENT) {
            throw new ForbiddenException("ledger-merchant-through-settlement", debited.id());
        }
        if (credited.kind() == AccountKind.MERCHANT_RECEIVABLE && debited.kind() == AccountKind.SETTLEMENT
                && MERCHANT_REPAYMENT.equals(code)) {
            return;
        }
        if (CREDITED_BY_THEIR_FLOWS.contains(credited.kind())) {
            throw new ForbiddenException("ledger-credited-by-its-flow", credited.id());
        }
    }
}
