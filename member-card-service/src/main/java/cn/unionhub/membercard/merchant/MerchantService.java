package cn.unionhub.membercard.merchant;

import cn.unionhub.membercard.common.StoredTime;
import cn.unionhub.membercard.common.DistrictOffice;
import cn.unionhub.membercard.ledger.domain.Account;
import cn.unionhub.membercard.ledger.domain.AccountKind;
import cn.unionhub.membercard.ledger.domain.LedgerException;
import cn.unionhub.membercard.ledger.store.LedgerStore;
import cn.unionhub.membercard.merchant.domain.Merchant;
import cn.unionhub.membercard.merchant.store.Merchants;
import cn.unionhub.membercard.merchant.till.TillService;
import cn.unionhub.platform.domain.HashChain;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The merchant register: a district union registers the merchants of its district (the city union
 * any); each gets its receivable account. A till acts for its own merchant only: its token's
 * organisation is {@code MERCHANT:<merchant id>}; its sign-in secret comes from {@link TillService}.
 */
@Service
public class MerchantService {

    public static final String TILL_ORGANISATION = "MERCHANT:";

    private final Merchants merchants;
    private final LedgerStore ledger;
    private final TillService tills;
    private final Clock clock;

    MerchantService(Merchants merchants, LedgerStore ledger, TillService tills, Clock clock) {
        this.merchants = merchants;
        this.ledger = ledger;
        this.tills = tills;
        this.clock = clock;
    }

    public Merchant register(String name, String district, String uscc, String address, String category,
            List<Merchant.MemberPrice> prices, Actor actor) {
        return register(name, district, uscc, address, category, prices, actor, null);
    }

    /**
     * Registers a merchant; sent again with the same {@code Idempotency-Key}, the merchant registered the first time (each
     * retry registered another, with a receivable of its own; exploratory test, 2026-12-04).
     */
    public Merchant register(String name, String district, String uscc, String address, String category,
            List<Merchant.MemberPrice> prices, Actor actor, String idempotencyKey) {
        String forDistrict = DistrictOffice.districtFor(actor, district);
        // Checked before it is numbered, so bad input never uses up a number.
        Merchant unnumbered = new Merchant(null, name, forDistrict, uscc, address, category, prices, Merchant.Status.ACTIVE,
                StoredTime.now(clock));
        var claim = merchants.registrationKeys().claim(actor.subject(), idempotencyKey,
                HashChain.fields().add(forDistrict).add(String.valueOf(name)).add(String.valueOf(uscc)).add(String.valueOf(address))
                        .add(String.valueOf(category)).add(String.valueOf(prices)).sha256(),
                () -> String.valueOf(merchants.nextNumber(forDistrict)));
        Merchant merchant = unnumbered.numbered(claim.map(c -> Long.parseLong(c.id())).orElseGet(() -> merchants.nextNumber(forDistrict)));
        if (claim.isPresent() && !claim.get().first()) {
            var earlier = merchants.find(merchant.id());
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        if (merchant.uscc() != null) {
            merchants.claimUscc(forDistrict, merchant.uscc(), merchant.id()).ifPresent(other -> {
                throw new LedgerException.Refused("merchant-registered", merchant.uscc(), other.id());
            });
        }
        // The receivable first: a merchant on file always has its account.
        ledger.open(Account.open(AccountKind.MERCHANT_RECEIVABLE, merchant.id(), forDistrict, merchant.name() + "应收款",
                merchant.registeredAt()));
        try {
            merchants.insert(merchant);
        } catch (org.springframework.dao.DuplicateKeyException sameKey) {
            return merchants.find(merchant.id()).orElseThrow(); // the same key's other request registered it first
        }
        return merchant;
    }

    /**
     * 商户退出: the district union closes a merchant (contract ended, registered by mistake); its till redeems no more (at
     * most half a minute later on another instance), its receivable stays for what is owed to it. Closing again changes
     * nothing.
     */
    public Merchant close(String merchantId, String reason, Actor actor) {
        Merchant merchant = find(merchantId);
        if (!DistrictOffice.runs(actor, merchant.district())) {
            throw new LedgerException.NotFound("merchant-not-found", merchantId);
        }
        if (!merchant.isActive()) {
            return merchant;
        }
        if (reason == null || reason.isBlank()) {
            throw new LedgerException.Invalid("reason", "merchant-close-reason");
        }
        Merchant closed = merchant.closed(reason.strip(), StoredTime.now(clock));
        // The till's sign-ins end first: a stop in between leaves a merchant that closing again finishes, never a closed
        // merchant whose till still gets tokens.
        tills.revokeOnClosure(merchant, reason.strip(), actor.subject());
        merchants.replace(closed);
        return closed;
    }

    /** A merchant anyone signed in may look up (members see where they can spend); unknown ids answer 404. */
    public Merchant find(String id) {
        return merchants.find(id).orElseThrow(() -> new LedgerException.NotFound("merchant-not-found", id));
    }

    /**
     * 商户名录: a district's merchants, for anyone signed in (members look for where their coupons work); the caller's own
     * district unless one is named. A city's code is no district (merchants belong to a district).
     */
    public List<Merchant> ofDistrict(String district, Actor actor) {
        String named = district == null || district.isBlank() ? actor.district() : district.strip();
        if (named == null || !named.matches("\\d{6}") || cn.unionhub.security.Divisions.isAboveCounty(named)) {
            throw new LedgerException.Invalid("district", "ledger-district-required");
        }
        return merchants.ofDistrict(named);
    }

    /** The till's token was issued for its current secret ({@link TillService#requireCurrentToken}). */
    public void requireCurrentTillToken(String merchantId) {
        tills.requireCurrentToken(merchantId);
    }

    /** The merchant a till acts for, which must be the one in the path, and active. */
    public Merchant tillOf(String merchantId, Actor actor) {
        if (!actor.has(Role.MERCHANT) || !(TILL_ORGANISATION + merchantId).equals(actor.organisation())) {
            // Like any object the caller may not act on, another merchant's till answers as if there were none.
            throw new LedgerException.NotFound("merchant-not-your-till", merchantId);
        }
        Merchant merchant = find(merchantId);
        if (!merchant.isActive()) {
            throw new LedgerException.Refused("merchant-closed", merchantId);
        }
        tills.requireCurrentToken(merchantId); // not one issued before its secret was replaced or revoked
        return merchant;
    }
}
