package cn.unionhub.membercard.payroll;

import cn.unionhub.membercard.common.StoredTime;
import cn.unionhub.membercard.common.DistrictOffice;
import cn.unionhub.events.membercard.PayrollDisbursed;
import cn.unionhub.membercard.ledger.domain.Account;
import cn.unionhub.membercard.ledger.domain.AccountKind;
import cn.unionhub.membercard.ledger.domain.Ledger;
import cn.unionhub.membercard.ledger.domain.LedgerException;
import cn.unionhub.membercard.ledger.domain.Transfer;
import cn.unionhub.membercard.ledger.domain.TransferRequest;
import cn.unionhub.membercard.ledger.store.LedgerStore;
import cn.unionhub.membercard.member.MemberService;
import cn.unionhub.membercard.member.domain.Member;
import cn.unionhub.membercard.member.store.Members;
import cn.unionhub.membercard.common.store.AcceptedOnce;
import cn.unionhub.membercard.payroll.store.Payrolls;
import cn.unionhub.membercard.payroll.store.Payrolls.Line;
import cn.unionhub.membercard.payroll.store.Payrolls.PayrollDocument;
import cn.unionhub.membercard.registry.domain.Organisation;
import cn.unionhub.membercard.registry.domain.OrganisationKind;
import cn.unionhub.membercard.registry.store.Organisations;
import cn.unionhub.platform.domain.HashChain;
import cn.unionhub.platform.identity.ChineseIdentifiers;
import cn.unionhub.platform.identity.Masking;
import cn.unionhub.security.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Wage disbursement (民工惠, seed 002): an employer's wages, paid into its escrow account
 * ({@code escrow:<USCC>}, an ordinary transfer from the district's settlement account), are paid out
 * line by line into the workers' welfare accounts as one ledger batch: every line exactly once, or
 * (escrow short) none. A line whose worker is not an active member goes to the district's suspense
 * account ({@code suspense:<district>}) and is reported, for the union to place once the worker joins.
 * The district union of the employer's district (or the city union) submits the batch; its id keys it.
 */
@Service
public class PayrollService {

    public static final int MAX_LINES = 5_000;
    /** Refused attempts of one batch before asking again is refused too. */
    static final int MAX_ATTEMPTS = 50;
    private static final String REJECTED = "REJECTED";

    /** Longest name a payroll line may carry, as the register's. */
    static final int MAX_NAME = 50;

    /** A line as submitted. */
    public record LineRequest(String idNumber, String name, long amountFen) {
    }

    private final AcceptedOnce<PayrollDocument> payrolls;
    private final Payrolls batches;
    private final Organisations organisations;
    private final Members members;
    private final MemberService memberService;
    private final Ledger ledger;
    private final LedgerStore accounts;
    private final Clock clock;

    PayrollService(Payrolls payrolls, Organisations organisations, Members members, MemberService memberService, Ledger ledger,
            LedgerStore accounts, Clock clock) {
        this.payrolls = payrolls.store();
        this.batches = payrolls;
        this.organisations = organisations;
        this.members = members;
        this.memberService = memberService;
        this.ledger = ledger;
        this.accounts = accounts;
        this.clock = clock;
    }

    public PayrollDocument disburse(String employerUscc, String batchId, List<LineRequest> lines, Actor actor) {
        Organisation employer = employerOf(employerUscc, actor);
        if (batchId == null || !batchId.matches("[A-Za-z0-9_.-]{1,60}")) {
            throw new LedgerException.Invalid("batchId", "payroll-batch-id");
        }
        if (lines == null || lines.isEmpty() || lines.size() > MAX_LINES) {
            throw new LedgerException.Invalid("lines", "payroll-lines", MAX_LINES);
        }
        String id = employer.id() + ":" + batchId;
        HashChain.Fields canonical = HashChain.fields();
        lines.forEach(l -> canonical.add(l.idNumber()).add(l.name()).add(l.amountFen()));
        String fingerprint = canonical.sha256();
        var earlier = payrolls.find(id);
        if (earlier.isPresent()) {
            if (!earlier.get().fingerprint.equals(fingerprint)) {
                throw new LedgerException.Refused("ledger-key-reused", id);
            }
            if (!REJECTED.equals(earlier.get().status)) {
                return finish(earlier.get());
            }
        }
        // The employer's escrow must exist before anything is stored: a batch stored without it was answered 404 and then
        // paid by its reminder once the escrow was opened, so a union that trusted the 404 and sent it again paid twice.
        String escrow = AccountKind.EMPLOYER_ESCROW.accountId(employer.id());
        if (accounts.account(escrow).isEmpty()) {
            throw new LedgerException.NotFound("ledger-account-not-found", escrow);
        }
        Resolved checked = resolve(lines, member -> memberService.maySee(actor, member));
        openWallets(checked, employer.district());
        if (earlier.isPresent()) {
            // Asked again after a refusal: who is a member is decided again, as of this attempt.
            return finish(tryAgain(earlier.get(), checked.lines()));
        }
        Instant now = StoredTime.now(clock);
        PayrollDocument batch = new PayrollDocument();
        batch.id = id;
        batch.employer = employer.id();
        batch.batchId = batchId;
        batch.district = employer.district();
        batch.fingerprint = fingerprint;
        batch.lines = checked.lines();
        batch.transferId = Transfer.idFor("reference", reference(id, 1));
        batch.status = "ACCEPTED";
        batch.createdAt = now;
        batches.list(batch);
        if (!payrolls.insert(batch, now.plus(Duration.ofSeconds(30)))) {
            return disburse(employerUscc, batchId, lines, actor);
        }
        return finish(batch);
    }

    /**
     * Each line checked (valid number, not twice, positive amount, a name) and matched to an active member
     * of the register by number and name; the others go to suspense, marked why.
     */
    /**
     * @param visible whether the caller may see a member: only then does a line say the name differs from the register's.
     *             Elsewhere it says not-a-member, as for an unknown number — a district's clerk could otherwise learn whether
     *             anyone anywhere is a member, and confirm their name, from a one-fen line (exploratory test, 2026-12-04).
     */
    private Resolved resolve(List<LineRequest> lines, java.util.function.Predicate<Member> visible) {
        Set<String> seen = new HashSet<>();
        List<Line> checked = new ArrayList<>();
        Map<String, String> memberDistricts = new HashMap<>();
        for (int row = 1; row <= lines.size(); row++) {
            LineRequest l = lines.get(row - 1);
            String number = l.idNumber() == null ? "" : l.idNumber().strip().toUpperCase();
            if (!ChineseIdentifiers.isValidResidentId(number)) {
                throw new LedgerException.Invalid("lines[" + (row - 1) + "].idNumber", "payroll-id-number", row);
            }
            if (!seen.add(number)) {
                throw new LedgerException.Invalid("lines[" + (row - 1) + "].idNumber", "payroll-worker-twice", row);
            }
            if (l.amountFen() <= 0) {
                throw new LedgerException.Invalid("lines[" + (row - 1) + "].amountFen", "ledger-amount-not-positive");
            }
            String name = l.name() == null ? "" : l.name().strip();
            if (name.isEmpty() || name.length() > MAX_NAME) {
                throw new LedgerException.Invalid("lines[" + (row - 1) + "].name", "payroll-name", row, MAX_NAME);
            }
            Member found = members.byIdHash(memberService.idHash(number)).filter(m -> m.status() == Member.Status.ACTIVE).orElse(null);
            // The name must be the register's too: wages for 李四 under 于海's number are not 于海's, whoever mistyped.
            Member member = found != null && found.name().equals(name) ? found : null;
            if (member != null) {
                memberDistricts.put(member.id(), member.district());
            }
            checked.add(member == null
                    ? new Line(row, Masking.residentId(number), name, null, l.amountFen(), "SUSPENSE",
                            found == null || !visible.test(found) ? "not-a-member" : "name-differs")
                    : new Line(row, Masking.residentId(number), name, member.id(), l.amountFen(), "PAID", null));
        }
        return new Resolved(checked, memberDistricts);
    }

    /** A batch's lines as matched to the register, and each paid member's district. */
    private record Resolved(List<Line> lines, Map<String, String> memberDistricts) {
    }

    /**
     * The members' wallets in their own district, as every other way of opening a wallet (a migrant worker paid by an
     * employer elsewhere is still looked after, and seen, by their own district's union), and the district's suspense.
     */
    private void openWallets(Resolved resolved, String district) {
        Instant now = StoredTime.now(clock);
        List<Account> toOpen = new ArrayList<>();
        for (Line l : resolved.lines()) {
            if (l.memberId() != null) {
                toOpen.add(Account.open(AccountKind.MEMBER_WALLET, l.memberId(), resolved.memberDistricts().get(l.memberId()), "会员福利账户",
                        now));
            }
        }
        toOpen.add(Account.open(AccountKind.SUSPENSE, district, district, "待查明款项", now));
        accounts.openAll(toOpen);
    }

    /** The ledger key of a batch's attempt: the first is the batch's own, later ones are marked, each its own transfer. */
    private static String reference(String id, int attempt) {
        return attempt == 1 ? "payroll:" + id : "payroll:" + id + ":attempt-" + attempt;
    }

    /**
     * A refused batch (the escrow was short: nothing moved) asked again, with the same lines: once the
     * employer has paid in, the union asks again and the batch is paid, under its own batch id, instead of
     * answering the refusal for ever. Each attempt is its own ledger transfer, so none can pay twice.
     */
    private PayrollDocument tryAgain(PayrollDocument refused, List<Line> lines) {
        if (refused.attempt() >= MAX_ATTEMPTS) {
            throw new LedgerException.Refused("payroll-attempts", refused.batchId, MAX_ATTEMPTS);
        }
        int next = refused.attempt() + 1;
        return payrolls.reopen(refused.id, REJECTED, d -> {
            d.attempt = next;
            d.transferId = Transfer.idFor("reference", reference(d.id, next));
            d.lines = lines;
        }, StoredTime.now(clock).plus(Duration.ofSeconds(30)));
    }

    /** Pays the batch (or finds it paid) and ends it with its event. */
    private PayrollDocument finish(PayrollDocument batch) {
        if (!"ACCEPTED".equals(batch.status)) {
            return batch;
        }
        Map<String, Long> credits = new LinkedHashMap<>();
        long suspense = 0;
        int parked = 0;
        for (Line l : batch.lines) {
            if (l.memberId() != null) {
                credits.merge(AccountKind.MEMBER_WALLET.accountId(l.memberId()), l.amountFen(), Math::addExact);
            } else {
                suspense = Math.addExact(suspense, l.amountFen());
                parked++;
            }
        }
        if (suspense > 0) {
            credits.put(AccountKind.SUSPENSE.accountId(batch.district), suspense);
        }
        List<Transfer.Credit> legs = credits.entrySet().stream().map(e -> new Transfer.Credit(e.getKey(), e.getValue())).toList();
        String reference = reference(batch.id, batch.attempt());
        Transfer paid = ledger.submit("reference", reference, TransferRequest.batch(
                AccountKind.EMPLOYER_ESCROW.accountId(batch.employer), legs, "payroll", reference), "payroll:" + batch.employer);
        if (paid.status() != Transfer.Status.POSTED) {
            return payrolls.finish(batch.id, REJECTED, paid.reason(), List.of());
        }
        return payrolls.finish(batch.id, "DISBURSED", null, List.of(new PayrollDisbursed(batch.batchId, batch.employer, batch.district,
                paid.id(), batch.lines.size() - parked, paid.amountFen() - suspense, parked, suspense, paid.finishedAt())));
    }

    public PayrollDocument find(String employerUscc, String batchId, Actor actor) {
        Organisation employer = employerOf(employerUscc, actor, DistrictOffice::oversees);
        return payrolls.find(employer.id() + ":" + batchId).map(this::finish)
                .orElseThrow(() -> new LedgerException.NotFound("payroll-not-found", batchId));
    }

    /** The employer's batches, the newest first: for the union over its district, as {@link #find}. */
    public List<PayrollDocument> ofEmployer(String employerUscc, Actor actor) {
        Organisation employer = employerOf(employerUscc, actor, DistrictOffice::oversees);
        return batches.ofEmployer(employer.id()).stream().map(this::finish).toList();
    }

    @Scheduled(fixedDelayString = "${unionhub.payroll.check-interval:PT15S}", initialDelayString = "PT25S")
    void finishDue() {
        payrolls.remindDue(clock.instant(), id -> payrolls.find(id).ifPresent(this::finish));
    }

    /** The employer, registered, of the caller's district (the city union: any). */
    private Organisation employerOf(String uscc, Actor actor) {
        return employerOf(uscc, actor, DistrictOffice::runs);
    }

    private Organisation employerOf(String uscc, Actor actor, java.util.function.BiPredicate<Actor, String> reaches) {
        if (uscc == null || uscc.isBlank()) {
            throw new LedgerException.Invalid("employer", "required");
        }
        return organisations.find(uscc).filter(o -> o.kind() == OrganisationKind.ENTERPRISE)
                .filter(o -> reaches.test(actor, o.district()))
                .orElseThrow(() -> new LedgerException.NotFound("payroll-employer-not-found", uscc));
    }
}
