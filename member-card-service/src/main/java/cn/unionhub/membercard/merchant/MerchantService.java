package cn.unionhub.membercard.merchant;

import cn.unionhub.membercard.common.StoredTime;
import cn.unionhub.membercard.common.DistrictOffice;
import cn.unionhub.membercard.ledger.domain.Account;
import cn.unionhub.membercard.ledger.domain.AccountKind;
import cn.unionhub.membercard.ledger.domain.LedgerException;
import cn.unionhub.membercard.ledger.store.LedgerStore;
import cn.unionhub.membercard.merchant.domain.Merchant;
import cn.unionhub.membercard.merchant.store.Merchants;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The merchant register: a district union registers the merchants of its district (the city union
 * any); each gets its receivable account. A till acts for its own merchant only: its token's
 * organisation is {@code MERCHANT:<merchant id>}.
 */
@Service
public class MerchantService {

    public static final String TILL_ORGANISATION = "MERCHANT:";

    private final Merchants merchants;
    private final LedgerStore ledger;
    private final Clock clock;

    MerchantService(Merchants merchants, LedgerStore ledger, Clock clock) {
        this.merchants = merchants;
        this.ledger = ledger;
        this.clock = clock;
    }

    public Merchant register(String name, String district, String uscc, String address, String category,
            List<Merchant.MemberPrice> prices, Actor actor) {
        String forDistrict = DistrictOffice.districtFor(actor, district);
        // Checked before it is numbered, so bad input never uses up a number.
        Merchant unnumbered = new Merchant(null, name, forDistrict, uscc, address, category, prices, Merchant.Status.ACTIVE,
                StoredTime.now(clock));
        Merchant merchant = unnumbered.numbered(merchants.nextNumber(forDistrict));
        // The receivable first: a merchant on file always has its account.
        ledger.open(Account.open(AccountKind.MERCHANT_RECEIVABLE, merchant.id(), forDistrict, merchant.name() + "应收款",
                merchant.registeredAt()));
        merchants.insert(merchant);
        return merchant;
    }

    /** A merchant anyone signed in may look up (members see where they can spend); unknown ids answer 404. */
    public Merchant find(String id) {
        return merchants.find(id).orElseThrow(() -> new LedgerException.NotFound("merchant-not-found", id));
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
        return merchant;
    }
}
