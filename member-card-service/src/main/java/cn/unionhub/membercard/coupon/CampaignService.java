package cn.unionhub.membercard.coupon;

import cn.unionhub.membercard.common.StoredTime;
import cn.unionhub.membercard.common.DistrictOffice;
import cn.unionhub.events.membercard.CouponsExpired;
import cn.unionhub.events.membercard.CouponsGranted;
import cn.unionhub.membercard.coupon.domain.Campaign;
import cn.unionhub.membercard.coupon.domain.CouponRule;
import cn.unionhub.membercard.coupon.store.Campaigns;
import cn.unionhub.membercard.common.store.AcceptedOnce;
import cn.unionhub.membercard.coupon.store.Grants;
import cn.unionhub.membercard.ledger.domain.Account;
import cn.unionhub.membercard.ledger.domain.AccountKind;
import cn.unionhub.membercard.ledger.domain.Ledger;
import cn.unionhub.membercard.ledger.domain.LedgerException;
import cn.unionhub.membercard.ledger.domain.Transfer;
import cn.unionhub.membercard.ledger.domain.TransferRequest;
import cn.unionhub.membercard.ledger.store.LedgerStore;
import cn.unionhub.membercard.member.domain.Member;
import cn.unionhub.membercard.member.store.Members;
import cn.unionhub.membercard.merchant.domain.Merchant;
import cn.unionhub.membercard.merchant.store.Merchants;
import cn.unionhub.platform.domain.HashChain;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Coupon campaigns: a district union (the city union for any district) creates one with its budget,
 * funds the budget with an ordinary transfer from its fund, grants coupons to a list of members in
 * one ledger batch, and may end it early. After the window every coupon's remainder goes back to the
 * budget (a sweep at the end and one more after every redemption hold can have been released).
 */
@Service
public class CampaignService {

    private static final Logger log = LoggerFactory.getLogger(CampaignService.class);
    private static final String SCOPE = "reference";
    /** A grant stored before its coupons are claimed; ACCEPTED once they are ({@link #claimed}). */
    private static final String CLAIMING = "CLAIMING";

    /** A grant's outcome: who got a coupon, who was skipped and why, and the ledger batch. */
    public record GrantResult(String grantId, String status, String reason, int granted, long tierFen, long amountFen,
            String transferId, List<Skipped> skipped) {
    }

    public record Skipped(String memberId, String reason) {
    }

    /** A coupon as its holder sees it. */
    public record Coupon(Campaign campaign, Account account) {
    }

    private final Campaigns campaigns;
    private final AcceptedOnce<Grants.GrantDocument> grants;
    private final Merchants merchants;
    private final Members members;
    private final Ledger ledger;
    private final LedgerStore accounts;
    private final ExecutorService fanOut;
    private final Clock clock;

    CampaignService(Campaigns campaigns, Grants grants, Merchants merchants, Members members, Ledger ledger, LedgerStore accounts,
            ExecutorService ledgerFanOut, Clock clock) {
        this.campaigns = campaigns;
        this.grants = grants.store();
        this.merchants = merchants;
        this.members = members;
        this.ledger = ledger;
        this.accounts = accounts;
        this.fanOut = ledgerFanOut;
        this.clock = clock;
    }

    public Campaign create(String id, String name, String district, List<Long> tiersFen, long thresholdFen, long discountFen,
            LocalDate firstDay, LocalDate lastDay, Set<String> merchantIds, int redemptionsPerDay, Actor actor) {
        String forDistrict = DistrictOffice.districtFor(actor, district);
        Campaign campaign = Campaign.create(id, name, forDistrict, tiersFen, new CouponRule(thresholdFen, discountFen), firstDay,
                lastDay, merchantIds, redemptionsPerDay, StoredTime.now(clock), actor.subject());
        if (campaign.endedAt(StoredTime.now(clock))) {
            throw new LedgerException.Invalid("lastDay", "coupon-window-past");
        }
        for (String merchantId : campaign.merchants()) {
            Merchant m = merchants.find(merchantId).filter(Merchant::isActive)
                    .filter(x -> actor.has(Role.ADMIN) || x.district().equals(forDistrict))
                    .orElseThrow(() -> new LedgerException.Invalid("merchants", "coupon-unknown-merchant", merchantId));
            log.debug("Campaign {} accepts merchant {}", id, m.id());
        }
        accounts.open(Account.open(AccountKind.CAMPAIGN_BUDGET, campaign.id(), forDistrict, name + "预算", StoredTime.now(clock)));
        if (!campaigns.insert(campaign)) {
            throw new LedgerException.Refused("coupon-campaign-exists", id);
        }
        return campaign;
    }

    /** A campaign its union (and the city union) manages; anybody else gets 404. */
    public Campaign managed(String id, Actor actor) {
        return campaigns.find(id).filter(c -> DistrictOffice.runs(actor, c.district()))
                .orElseThrow(() -> new LedgerException.NotFound("coupon-campaign-not-found", id));
    }

    /** The district's campaigns, the newest first: for its union, and the city union's staff over it. */
    public List<Campaign> ofDistrict(String district, Actor actor) {
        return campaigns.ofDistrict(DistrictOffice.toRead(actor, district));
    }

    public Campaign find(String id) {
        return campaigns.find(id).orElseThrow(() -> new LedgerException.NotFound("coupon-campaign-not-found", id));
    }

    /**
     * Grants a coupon of {@code tierFen} to each listed member of the campaign's district, as one
     * ledger batch out of the budget: all of them or (budget short) none. Members not in the
     * register, not active or of another district are skipped and reported. The key makes it once:
     * the same list again answers the first result; another list under the same key is refused.
     */
    public GrantResult grant(String campaignId, String key, long tierFen, List<String> memberIds, Actor actor) {
        Campaign campaign = managed(campaignId, actor);
        if (key == null || !key.matches("[A-Za-z0-9_.:-]{1,100}")) {
            throw new LedgerException.Invalid("Idempotency-Key", "ledger-key-required");
        }
        String grantId = campaignId + ":" + key;
        List<String> listed = memberIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(memberIds));
        String fingerprint = HashChain.fields().add(tierFen).add(String.join(",", listed.stream().sorted().toList())).sha256();
        var earlier = grants.find(grantId);
        if (earlier.isPresent()) {
            if (!earlier.get().fingerprint.equals(fingerprint)) {
                throw new LedgerException.Refused("ledger-key-reused", grantId);
            }
            Grants.GrantDocument asked = earlier.get();
            if ("REJECTED".equals(asked.status) && !campaign.endedAt(StoredTime.now(clock))) {
                // Who is eligible is decided again: a member who left the union since the refusal was paid (exploratory
                // test, 2026-12-05), as a new grant would skip them.
                Map<String, Member> now = members.findAll(asked.members).stream().collect(Collectors.toMap(Member::id, Function.identity()));
                List<String> still = asked.members.stream().filter(m -> now.containsKey(m) && now.get(m).status() == Member.Status.ACTIVE
                        && campaign.district().equals(now.get(m).district())).toList();
                if (still.isEmpty()) {
                    throw nobodyEligible();
                }
                List<String> gone = asked.members.stream().filter(m -> !still.contains(m)).map(m -> m + " not-active").toList();
                // Refused (the budget was short): asked again under its key — once the budget is topped up — it is tried
                // again, as payroll batches and 劳模 grants are; the refusal was the answer for ever, with "insufficient funds"
                // while the budget had the money (exploratory test, 2026-12-05). Its coupons are claimed again first (a refusal
                // released them), then a new attempt of its batch is paid (Ledger#submitAgainAfterRefusals).
                grants.remind(grantId, StoredTime.now(clock).plus(Duration.ofSeconds(30)));
                asked = grants.advance(grantId, "REJECTED", d -> {
                    d.status = CLAIMING;
                    d.reason = null;
                    d.members = still;
                    d.skipped = new ArrayList<>(d.skipped);
                    d.skipped.addAll(gone);
                });
            }
            return settle(asked).orElseThrow(CampaignService::nobodyEligible);
        }
        campaign.requireTier(tierFen);
        if (campaign.endedAt(StoredTime.now(clock))) {
            throw new LedgerException.Refused("coupon-campaign-ended", campaignId);
        }
        if (listed.isEmpty() || listed.size() > TransferRequest.MAX_BATCH) {
            throw new LedgerException.Invalid("members", "ledger-batch-size", TransferRequest.MAX_BATCH);
        }
        Map<String, Member> found = members.findAll(listed).stream().collect(Collectors.toMap(Member::id, Function.identity()));
        List<String> eligible = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String id : listed) {
            Member m = found.get(id);
            String why = m == null ? "not-in-register" : m.status() != Member.Status.ACTIVE ? "not-active"
                    : !campaign.district().equals(m.district()) ? "other-district" : null;
            if (why == null) {
                eligible.add(id);
            } else {
                skipped.add(id + " " + why);
            }
        }
        if (eligible.isEmpty()) {
            throw nobodyEligible();
        }
        Grants.GrantDocument grant = new Grants.GrantDocument();
        grant.id = grantId;
        grant.campaignId = campaignId;
        grant.key = key;
        grant.fingerprint = fingerprint;
        grant.tierFen = tierFen;
        grant.members = eligible;
        grant.skipped = skipped;
        grant.transferId = Transfer.idFor(SCOPE, reference(grantId));
        grant.status = CLAIMING;
        grant.createdAt = StoredTime.now(clock);
        // Stored, with its reminder, before its coupons are claimed: a stop between the claims and the grant left claims
        // that kept their members out of every later grant, unpaid; now the reminder finishes what was begun.
        if (!grants.insert(grant, grant.createdAt.plus(Duration.ofSeconds(30)))) {
            return grant(campaignId, key, tierFen, memberIds, actor);
        }
        return settle(grant).orElseThrow(CampaignService::nobodyEligible);
    }

    private static LedgerException.Invalid nobodyEligible() {
        return new LedgerException.Invalid("members", "coupon-nobody-eligible");
    }

    /** Claims the grant's coupons, pays its batch and ends it; empty when another grant had claimed every member meanwhile. */
    private Optional<GrantResult> settle(Grants.GrantDocument grant) {
        return claimed(grant).map(this::finish);
    }

    /**
     * The grant with its members' coupons claimed (as it is, once past {@code CLAIMING}); empty, and the grant forgotten, when
     * every member's coupon is another grant's. One coupon per member and campaign, whatever the key: a member another grant
     * pays is skipped, not paid twice. Every step may be done again (a reminder after a stop): claims, accounts and index
     * entries of this grant are found, not made twice.
     */
    private Optional<Grants.GrantDocument> claimed(Grants.GrantDocument grant) {
        if (!CLAIMING.equals(grant.status)) {
            return Optional.of(grant);
        }
        Set<String> ours = campaigns.claimCoupons(grant.campaignId, grant.id, grant.members);
        List<String> paid = grant.members.stream().filter(ours::contains).toList();
        List<String> skipped = new ArrayList<>(grant.skipped);
        grant.members.stream().filter(m -> !ours.contains(m)).forEach(m -> skipped.add(m + " already-granted"));
        if (paid.isEmpty()) {
            grants.forget(grant.id, CLAIMING);
            return Optional.empty();
        }
        Campaign campaign = find(grant.campaignId);
        Instant now = StoredTime.now(clock);
        accounts.openAll(paid.stream().map(m -> Account.open(AccountKind.COUPON, campaign.id() + "." + m, campaign.district(),
                campaign.name(), now)).toList());
        campaigns.index(campaign.id(), paid);
        campaigns.noteGrant(campaign.id(), grant.id);
        return Optional.of(grants.advance(grant.id, CLAIMING, d -> {
            d.members = paid;
            d.skipped = skipped;
            d.status = AcceptedOnce.ACCEPTED;
        }));
    }

    /** How often one grant's batch may be refused and asked again (each attempt refused moved nothing). */
    static final int MAX_GRANT_ATTEMPTS = 20;

    private static String reference(String grantId) {
        return "coupon-grant:" + grantId;
    }

    /** Pays the grant's batch (or finds it paid) and ends the grant with its event. */
    private GrantResult finish(Grants.GrantDocument stored) {
        Grants.GrantDocument grant = stored;
        if ("ACCEPTED".equals(grant.status)) {
            Campaign campaign = find(grant.campaignId);
            long tier = grant.tierFen;
            List<Transfer.Credit> credits = grant.members.stream().map(m -> new Transfer.Credit(campaign.couponAccount(m), tier))
                    .toList();
            Transfer batch = ledger.submitAgainAfterRefusals(SCOPE, reference(grant.id), ref -> TransferRequest.batch(campaign.budgetAccount(),
                    credits, "coupon-grant", ref), "campaign:" + campaign.id(), MAX_GRANT_ATTEMPTS)
                    .orElseThrow(() -> new LedgerException.Refused("coupon-grant-attempts", stored.key, MAX_GRANT_ATTEMPTS));
            if (!batch.id().equals(grant.transferId)) {
                grant = grants.advance(grant.id, "ACCEPTED", d -> d.transferId = batch.id()); // this attempt's batch
            }
            grant = batch.status() == Transfer.Status.POSTED
                    ? grants.finish(grant.id, "GRANTED", null, List.of(new CouponsGranted(campaign.id(), grant.key, batch.id(),
                            credits.size(), grant.tierFen, batch.amountFen(), batch.finishedAt())))
                    : grants.finish(grant.id, "REJECTED", batch.reason(), List.of());
        }
        if ("REJECTED".equals(grant.status)) {
            // Nothing moved: the members' coupons are free for another grant (again on every look, for a stop in between).
            campaigns.releaseCoupons(grant.campaignId, grant.id, grant.members);
        }
        List<Skipped> skipped = grant.skipped.stream().map(s -> new Skipped(s.substring(0, s.indexOf(' ')), s.substring(s.indexOf(' ') + 1)))
                .toList();
        boolean granted = "GRANTED".equals(grant.status);
        return new GrantResult(grant.key, grant.status, grant.reason, granted ? grant.members.size() : 0, grant.tierFen,
                granted ? grant.tierFen * grant.members.size() : 0, grant.transferId, skipped);
    }

    public GrantResult grantOf(String campaignId, String key, Actor actor) {
        // Read by who runs the district and the city union's staff over it, as its list is (they read it, 404 here).
        campaigns.find(campaignId).filter(c -> DistrictOffice.oversees(actor, c.district()))
                .orElseThrow(() -> new LedgerException.NotFound("coupon-campaign-not-found", campaignId));
        return grants.find(campaignId + ":" + key).flatMap(this::settle)
                .orElseThrow(() -> new LedgerException.NotFound("coupon-grant-not-found", key));
    }

    /** Ends the window now; the remainders go back at once and again after the holds of the last redemptions lapse. */
    public Campaign end(String campaignId, Actor actor) {
        Campaign campaign = managed(campaignId, actor);
        if (campaign.endedEarlyAt() != null) {
            return campaign; // ended early already: asked again (a retry), the same answer, not 409
        }
        campaigns.endNow(campaignId, StoredTime.now(clock));
        sweepDue();
        // As it is after the sweep (SWEPT, its coupons' remainders back in the budget), not as it was before it.
        return find(campaignId);
    }

    /** The member's coupons: their campaigns from the member's index, each coupon's account. */
    public List<Coupon> couponsOf(String memberId) {
        List<String> ids = campaigns.campaignsOf(memberId);
        return campaigns.findAll(ids).stream()
                .flatMap(c -> accounts.account(c.couponAccount(memberId)).map(a -> new Coupon(c, ledger.account(a.id()))).stream())
                .toList();
    }

    @Scheduled(fixedDelayString = "${unionhub.coupons.check-interval:PT15S}", initialDelayString = "PT20S")
    void sweepDue() {
        campaigns.sweepDue(StoredTime.now(clock), this::sweep);
        grants.remindDue(StoredTime.now(clock), id -> grants.find(id).ifPresent(this::settle));
    }

    /**
     * Takes what every coupon of an ended campaign has available back to the budget, each under the
     * key of this sweep (a later sweep has its own keys, so it takes only what holds released since).
     */
    void sweep(String campaignId) {
        Campaign campaign = find(campaignId);
        Instant now = StoredTime.now(clock);
        if (!campaign.endedAt(now)) {
            return;
        }
        int pass = campaign.sweeps() + 1;
        List<CompletableFuture<Transfer>> backs = new ArrayList<>();
        for (String grantId : campaigns.grantsOf(campaignId)) {
            grants.find(grantId).filter(g -> "GRANTED".equals(g.status)).ifPresent(g -> g.members.forEach(m -> {
                String coupon = campaign.couponAccount(m);
                long left = ledger.account(coupon).balances().available();
                if (left > 0) {
                    String ref = "coupon-expiry:" + campaignId + ":" + m + ":" + pass;
                    backs.add(CompletableFuture.supplyAsync(() -> ledger.submit(SCOPE, ref, TransferRequest.transfer(coupon,
                            campaign.budgetAccount(), left, "coupon-expiry", ref), "campaign:" + campaignId), fanOut));
                }
            }));
        }
        CompletableFuture.allOf(backs.toArray(CompletableFuture[]::new)).join();
        List<Transfer> done = backs.stream().map(CompletableFuture::join).filter(t -> t.status() == Transfer.Status.POSTED).toList();
        long total = done.stream().mapToLong(Transfer::amountFen).sum();
        campaigns.markSwept(campaign, List.of(new CouponsExpired(campaignId, done.size(), total, now)));
        log.info("Campaign {}: sweep {} took {} fen back from {} coupons", campaignId, pass, total, done.size());
    }
}
