package cn.unionhub.membercard.modelworker;

import cn.unionhub.membercard.common.StoredTime;
import cn.unionhub.membercard.common.DistrictOffice;
import cn.unionhub.membercard.card.domain.Card;
import cn.unionhub.membercard.card.domain.CardEligibility;
import cn.unionhub.membercard.card.domain.CardNumbers;
import cn.unionhub.membercard.card.domain.CardType;
import cn.unionhub.membercard.card.store.Cards;
import cn.unionhub.membercard.ledger.LedgerService;
import cn.unionhub.membercard.ledger.domain.Account;
import cn.unionhub.membercard.ledger.domain.AccountKind;
import cn.unionhub.membercard.ledger.domain.Ledger;
import cn.unionhub.membercard.ledger.domain.LedgerException;
import cn.unionhub.membercard.ledger.domain.Transfer;
import cn.unionhub.membercard.ledger.domain.TransferRequest;
import cn.unionhub.membercard.ledger.store.LedgerStore;
import cn.unionhub.membercard.member.domain.Member;
import cn.unionhub.membercard.member.store.Members;
import cn.unionhub.membercard.modelworker.domain.ModelWorker;
import cn.unionhub.membercard.modelworker.store.ModelWorkers;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Divisions;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * 劳模卡: the model-worker register kept by the unions (a district union for its district's members,
 * the city union for any), the card it unlocks (issued by the card service, to registered model
 * workers only), the fare rule the transport operator's system asks at the gate — by card number,
 * answering only whether the half fare applies, nothing about the person — and the union's yearly
 * grant to its model workers, one ledger batch per district and year.
 */
@Service
public class ModelWorkerService implements CardEligibility {

    /** What the transport operator's system learns of a card: whether the model workers' fare applies. */
    public record FareRule(boolean eligible, int discountPercent, String reason) {
    }

    /** Refused attempts of one district's grant of a year before asking again is refused too. */
    static final int MAX_GRANT_ATTEMPTS = 50;

    /**
     * A yearly grant's outcome: one batch, the year's first or a supplement for model workers it did not pay.
     *
     * @param supplement whether this batch paid model workers registered (or rejoined) after the year's first batch
     */
    public record Grant(String district, int year, String status, String reason, int workers, long amountFen, String transferId,
            boolean supplement) {
    }

    private final ModelWorkers register;
    private final Members members;
    private final Cards cards;
    private final Ledger ledger;
    private final LedgerStore accounts;
    private final Clock clock;
    private final int fareDiscountPercent;

    ModelWorkerService(ModelWorkers register, Members members, Cards cards, Ledger ledger, LedgerStore accounts, Clock clock,
            @Value("${unionhub.model-workers.fare-discount-percent:50}") int fareDiscountPercent) {
        this.register = register;
        this.members = members;
        this.cards = cards;
        this.ledger = ledger;
        this.accounts = accounts;
        this.clock = clock;
        this.fareDiscountPercent = fareDiscountPercent;
    }

    public ModelWorker register(String memberId, ModelWorker.Honour honour, int year, Actor actor) {
        Member member = members.find(memberId == null ? "" : memberId).filter(m -> m.status() == Member.Status.ACTIVE)
                .filter(m -> DistrictOffice.runs(actor, m.district()))
                .orElseThrow(() -> new LedgerException.NotFound("member-not-found", memberId));
        ModelWorker worker = new ModelWorker(member.id(), member.district(), honour, year, ModelWorker.Status.ACTIVE,
                StoredTime.now(clock), actor.subject());
        if (!register.register(worker)) {
            ModelWorker known = register.find(member.id()).orElseThrow();
            if (known.isActive() && honour.ordinal() < known.honour().ordinal()) {
                // A city model worker honoured by the province (or the nation) later: the higher honour, its year (was 409).
                register.replace(worker);
                return worker;
            }
            if (known.honour() != honour || known.year() != year) {
                throw new LedgerException.Refused("model-worker-registered", member.id(), known.honour(), known.year());
            }
            return known;
        }
        return worker;
    }

    /** The worker's own entry on the register (403 before: they could not see their own honour). */
    public ModelWorker mine(Actor worker) {
        return members.byAccount(worker.subject()).flatMap(m -> register.find(m.id()))
                .orElseThrow(() -> new LedgerException.NotFound("model-worker-not-mine"));
    }

    public ModelWorker find(String memberId, Actor actor) {
        return register.find(memberId).filter(w -> DistrictOffice.oversees(actor, w.district()))
                .orElseThrow(() -> new LedgerException.NotFound("model-worker-not-found", memberId));
    }

    @Override
    public boolean mayHold(String memberId, CardType type) {
        return type != CardType.MODEL_WORKER_CARD || register.find(memberId).map(ModelWorker::isActive).orElse(false);
    }

    /** The fare rule for a card shown at the gate: only an active 劳模卡 of a registered model worker gets it. */
    public FareRule fareRule(String cardNumber, Actor gate) {
        if (cardNumber == null || !CardNumbers.luhnValid(cardNumber)) {
            throw new LedgerException.Invalid("card", "coupon-card-number");
        }
        Card card = cards.byNumber(cardNumber).orElse(null);
        if (card == null || card.type() != CardType.MODEL_WORKER_CARD || !serves(gate, card)) {
            // Another city's card answers as any card that is not one: 青岛's metro learned which 宁波 numbers were 劳模卡.
            return new FareRule(false, 0, "not-a-model-worker-card");
        }
        if (card.status() != Card.Status.ACTIVE) {
            return new FareRule(false, 0, "card-not-active");
        }
        if (!register.find(card.memberId()).map(ModelWorker::isActive).orElse(false)) {
            return new FareRule(false, 0, "not-on-the-register");
        }
        if (!isMember(card.memberId())) {
            // The card is a union membership's: one who left the union rides at the ordinary fare.
            return new FareRule(false, 0, "membership-ended");
        }
        return new FareRule(true, fareDiscountPercent, null);
    }

    /** Whether the operator serves the card's city: its client's district claim, none for an operator of every city. */
    private boolean serves(Actor gate, Card card) {
        return gate == null || gate.district() == null
                || register.find(card.memberId()).map(w -> Divisions.contains(gate.district(), w.district())).orElse(false);
    }

    /** Whether the member is still in a union (a model worker who left keeps the honour, not the union's money). */
    private boolean isMember(String memberId) {
        return members.find(memberId).filter(m -> m.status() == Member.Status.ACTIVE).isPresent();
    }

    /**
     * The yearly grant to every active model worker of the caller's district, out of its fund, as one batch keyed by
     * district and year: asking again answers it; another amount is 409. A model worker who is due and was not in a
     * batch of the year (registered after it, or a member again) is paid by asking again: a supplementary batch for
     * them alone, at the year's amount (until 2026-12-04 the year's key refused any other set of workers, so they
     * could never be paid).
     */
    public Grant grant(int year, long amountFen, String district, Actor actor) {
        String forDistrict = DistrictOffice.districtFor(actor, district);
        if (year < 2000 || year > java.time.Year.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai"))).getValue() + 1) {
            throw new LedgerException.Invalid("year", "model-worker-year");
        }
        List<ModelWorker> workers = register.findAll(register.ofDistrict(forDistrict)).stream().filter(ModelWorker::isActive)
                .filter(w -> w.district().equals(forDistrict)).filter(w -> isMember(w.memberId())).toList();
        if (workers.isEmpty()) {
            throw new LedgerException.Invalid("district", "model-worker-none", forDistrict);
        }
        String grant = "model-worker-grant:" + forDistrict + ":" + year;
        YearsBatches made = batchesOf(grant, forDistrict, year);
        if (made.first() != null && made.first().credits().stream().anyMatch(c -> c.amountFen() != amountFen)) {
            // The year is paid at another amount: said so ("use a new key" was the ledger's answer, and there is no key).
            throw new LedgerException.Refused("model-worker-grant-other-amount", String.valueOf(year), made.first().credits().get(0).amountFen());
        }
        if (made.first() == null) {
            return pay(forDistrict, year, grant, workers, amountFen, actor, false);
        }
        List<ModelWorker> unpaid = workers.stream()
                .filter(w -> !made.paid().contains(AccountKind.MEMBER_WALLET.accountId(w.memberId()))).toList();
        if (unpaid.isEmpty()) {
            return made.latest();
        }
        // Numbered after every supplement asked so far (a refused one moved nothing and keeps its number).
        return pay(forDistrict, year, grant + ":supplement-" + (made.supplements() + 1), unpaid, amountFen, actor, true);
    }

    /** The batches of a year's grant made so far: what the first paid, whom any batch paid, how many supplements were asked. */
    private record YearsBatches(Transfer first, Set<String> paid, int supplements, Grant latest) {
    }

    /** The batches under the year's key {@code grant} (its attempts, then its supplements), read by key one by one. */
    private YearsBatches batchesOf(String grant, String district, int year) {
        Transfer first = null;
        Grant latest = null;
        Set<String> paid = new HashSet<>();
        for (int attempt = 1; attempt <= MAX_GRANT_ATTEMPTS && first == null; attempt++) {
            Transfer t = accounts.find(Transfer.idFor(LedgerService.SYSTEM_REFERENCES, attempt == 1 ? grant : grant + ":attempt-" + attempt))
                    .orElse(null);
            if (t == null) {
                break;
            }
            if (t.status() != Transfer.Status.REJECTED) {
                first = t;
                latest = grantOf(district, year, t, false);
                t.credits().forEach(c -> paid.add(c.accountId()));
            }
        }
        int supplements = 0;
        while (first != null && supplements < MAX_GRANT_ATTEMPTS) {
            Transfer t = accounts.find(Transfer.idFor(LedgerService.SYSTEM_REFERENCES, grant + ":supplement-" + (supplements + 1)))
                    .orElse(null);
            if (t == null) {
                break;
            }
            supplements++;
            if (t.status() != Transfer.Status.REJECTED) {
                latest = grantOf(district, year, t, true);
                t.credits().forEach(c -> paid.add(c.accountId()));
            }
        }
        return new YearsBatches(first, paid, supplements, latest);
    }

    private static Grant grantOf(String district, int year, Transfer t, boolean supplement) {
        return new Grant(district, year, t.status().name(), t.reason(), t.credits().size(), t.amountFen(), t.id(), supplement);
    }

    /**
     * One batch of {@code amountFen} to each of {@code workers} under {@code key}, their wallets opened first. A refused
     * first batch (the fund was short) moved nothing: asking again once the fund is topped up makes the next attempt,
     * keyed ":attempt-2", ":attempt-3"…, instead of answering the refusal for ever (the key is not the clerk's to
     * change); a refused supplement is answered, and asking again makes the next supplement.
     */
    private Grant pay(String district, int year, String key, List<ModelWorker> workers, long amountFen, Actor actor,
            boolean supplement) {
        Instant now = StoredTime.now(clock);
        accounts.openAll(workers.stream().map(w -> Account.open(AccountKind.MEMBER_WALLET, w.memberId(), w.district(), "会员福利账户", now))
                .toList());
        List<Transfer.Credit> credits = workers.stream()
                .map(w -> new Transfer.Credit(AccountKind.MEMBER_WALLET.accountId(w.memberId()), amountFen)).toList();
        java.util.function.Function<String, TransferRequest> batch = reference -> TransferRequest.batch(
                AccountKind.UNION_FUND.accountId(district), credits, "model-worker-grant", reference);
        if (supplement) {
            return grantOf(district, year, ledger.submit(LedgerService.SYSTEM_REFERENCES, key, batch.apply(key), actor.subject()), true);
        }
        Transfer paid = ledger.submitAgainAfterRefusals(LedgerService.SYSTEM_REFERENCES, key, batch, actor.subject(), MAX_GRANT_ATTEMPTS)
                .orElseThrow(() -> new LedgerException.Refused("model-worker-grant-attempts", district, year, MAX_GRANT_ATTEMPTS));
        return grantOf(district, year, paid, false);
    }
}
