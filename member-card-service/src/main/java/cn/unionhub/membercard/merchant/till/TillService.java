package cn.unionhub.membercard.merchant.till;

import cn.unionhub.membercard.common.DistrictOffice;
import cn.unionhub.membercard.common.StoredTime;
import cn.unionhub.membercard.ledger.domain.LedgerException;
import cn.unionhub.membercard.merchant.domain.Merchant;
import cn.unionhub.membercard.merchant.store.Merchants;
import cn.unionhub.security.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * 收银端接入: the district union that runs a merchant's district gives its till a sign-in secret, so a merchant it
 * registers redeems coupons the same day (before, a till could sign in only once an operator had added its client to the
 * identity server's configuration and restarted it). Issuing again replaces the secret (a till lost, a cashier gone);
 * revoking, or closing the merchant, ends its sign-ins. The identity server learns each change from the
 * {@code identity.till-clients} topic; tokens it gave before a change stay valid for their 30 minutes, and a closed
 * merchant's till is refused here anyway.
 */
@Service
public class TillService {

    static final int MAX_REASON = 200;

    /** The claim the identity server puts in a till's token: the generation of the secret it signed in with. */
    static final String TILL_GENERATION = "till_generation";

    private final Merchants merchants;
    private final TillCredentials credentials;
    private final cn.unionhub.platform.security.Actors actors;
    private final Clock clock;

    TillService(Merchants merchants, TillCredentials credentials, cn.unionhub.platform.security.Actors actors, Clock clock) {
        this.merchants = merchants;
        this.credentials = credentials;
        this.actors = actors;
        this.clock = clock;
    }

    /**
     * The till's token still stands: it was issued for the credential's current secret ({@code till_generation}), which
     * was not revoked since. A stolen till's token redeemed and was paid for its remaining 30 minutes after the union
     * revoked it, and a token fetched in the seconds before a replacement outlived it by its issue time (exploratory tests,
     * 2026-12-05): the generation is exact. A till of the identity server's configuration that the union never touched has
     * no credential here (and its tokens no generation).
     */
    public void requireCurrentToken(String merchantId) {
        Optional<TillCredential> credential = credentials.recent(merchantId);
        if (credential.isEmpty()) {
            return;
        }
        boolean current = credential.get().active()
                && actors.numberClaim(TILL_GENERATION).filter(g -> g == credential.get().generation()).isPresent();
        if (!current) {
            throw new cn.unionhub.platform.domain.ForbiddenException("till-token-outdated", merchantId);
        }
    }

    /** A new secret for the till, shown only in this answer; the previous one stops working. */
    public TillCredential.Issued issue(String merchantId, Actor actor) {
        Merchant merchant = merchantRunBy(merchantId, actor);
        if (!merchant.isActive()) {
            throw new LedgerException.Refused("till-merchant-closed", merchantId);
        }
        Instant at = StoredTime.now(clock);
        return credentials.change(merchantId, current -> {
            TillCredential.Issued issued = TillCredential.issue(merchantId, merchant.district(), current.orElse(null), actor.subject(), at);
            return new TillCredentials.Change<>(issued.credential(), issued);
        });
    }

    /**
     * Ends the till's sign-ins (a lost device), also for a till of the identity server's configuration that was never
     * issued a secret here; nothing changes if they ended already.
     */
    public TillCredential revoke(String merchantId, String reason, Actor actor) {
        Merchant merchant = merchantRunBy(merchantId, actor);
        String why = cn.unionhub.platform.text.PlainText.isBlank(reason) ? null : reason.strip();
        if (why != null && why.length() > MAX_REASON) {
            throw new LedgerException.Invalid("reason", "till-reason-too-long", MAX_REASON);
        }
        return revoked(merchant, why, actor.subject());
    }

    /** The till's credential as the office sees it (never its secret); empty before the first issue. */
    public Optional<TillCredential> status(String merchantId, Actor actor) {
        merchantSeenBy(merchantId, merchant -> DistrictOffice.oversees(actor, merchant.district()));
        return credentials.find(merchantId);
    }

    /** Called as the merchant closes: its till signs in no more. */
    public void revokeOnClosure(Merchant merchant, String reason, String by) {
        revoked(merchant, reason, by);
    }

    private TillCredential revoked(Merchant merchant, String reason, String by) {
        Optional<TillCredential> current = credentials.find(merchant.id());
        if (current.isPresent() && !current.get().active()) {
            return current.get(); // ended already: no second record for the identity server
        }
        Instant at = StoredTime.now(clock);
        return credentials.change(merchant.id(), now -> {
            // Never issued here (a till of the configuration): revoked all the same, so its configured secret stops too.
            TillCredential after = now.map(c -> c.active() ? c.revoked(reason, by, at) : c)
                    .orElseGet(() -> TillCredential.revokedUnissued(merchant.id(), merchant.district(), reason, by, at));
            return new TillCredentials.Change<>(after, after);
        });
    }

    /** The merchant, if the caller runs its district; otherwise as if there were none. */
    private Merchant merchantRunBy(String merchantId, Actor actor) {
        return merchantSeenBy(merchantId, merchant -> DistrictOffice.runs(actor, merchant.district()));
    }

    private Merchant merchantSeenBy(String merchantId, java.util.function.Predicate<Merchant> mayAct) {
        return merchants.find(merchantId).filter(mayAct).orElseThrow(() -> new LedgerException.NotFound("merchant-not-found", merchantId));
    }
}
