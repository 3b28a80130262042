package cn.unionhub.membercard.ledger.api;

import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.membercard.ledger.domain.Account;
import cn.unionhub.membercard.ledger.domain.JournalEntry;
import cn.unionhub.membercard.ledger.domain.Transfer;
import cn.unionhub.membercard.ledger.store.ReconciliationDocument;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/** What the welfare API answers. Amounts in fen; times with their Asia/Shanghai offset. */
final class LedgerViews {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private LedgerViews() {
    }

    /**
     * @param balanceFen   posted credits less posted debits
     * @param availableFen what may still be spent: the balance less what is held
     * @param heldFen      held for payments not yet posted
     * @param incomingFen  held for this account by others, not yet posted to it
     * @param lines        how many journal lines the account has
     */
    record AccountView(String id, String kind, String owner, String district, String label, String status, long balanceFen,
            long availableFen, long heldFen, long incomingFen, long lines, OffsetDateTime openedAt) {

        static AccountView of(Account a) {
            return new AccountView(a.id(), a.kind().name(), a.owner(), a.district(), a.label(), a.status().name(),
                    a.balances().balance(), a.balances().available(), a.balances().debitsPending(), a.balances().creditsPending(),
                    a.sequence(), a.openedAt().atZone(BEIJING).toOffsetDateTime());
        }
    }

    /**
     * One journal line: the change (negative for money going out), the balance after it, the account on the
     * other side of its transfer ({@code merchant:370212-0001}, {@code fund:370212}, {@code escrow:<USCC>}) and
     * the transfer's code ({@code coupon-redemption}, {@code grant}, {@code wages}).
     */
    record LineView(long sequence, String transferId, String side, long postedChangeFen, long heldChangeFen, long balanceFen,
            long availableFen, OffsetDateTime at, String counterAccount, String code) {

        static LineView of(JournalEntry e, String accountId, java.util.Map<String, cn.unionhub.membercard.ledger.LedgerService.Counterpart> counterparts) {
            int sign = e.side() == cn.unionhub.membercard.ledger.domain.Leg.Side.DEBIT ? -1 : 1;
            var counterpart = counterparts.get(e.transferId());
            return new LineView(e.sequence(), e.transferId(), e.side().name(), sign * e.postedChange(), e.pendingChange(),
                    e.after().balance(), e.after().available(), e.at().atZone(BEIJING).toOffsetDateTime(),
                    counterpart == null ? null : counterpart.otherThan(accountId), counterpart == null ? null : counterpart.code());
        }

        static List<LineView> of(List<JournalEntry> lines, String accountId,
                java.util.Map<String, cn.unionhub.membercard.ledger.LedgerService.Counterpart> counterparts) {
            return lines.stream().map(e -> of(e, accountId, counterparts)).toList();
        }
    }

    record TransferView(String id, String kind, String status, String reason, String debitAccount, String creditAccount,
            long amountFen, String holdId, long heldFen, String code, String reference, OffsetDateTime createdAt,
            OffsetDateTime expiresAt, OffsetDateTime finishedAt, String settledBy) {

        static TransferView of(Transfer t) {
            return new TransferView(t.id(), t.kind().name(), t.status().name(), t.reason(), t.debitAccountId(), t.creditAccountId(),
                    t.amountFen(), t.holdId(), t.heldFen(), t.code(), t.reference(), BusinessCalendar.beijing(t.createdAt()), BusinessCalendar.beijing(t.expiresAt()),
                    BusinessCalendar.beijing(t.finishedAt()), t.settledBy());
        }
    }

    /** A worker's wallet: the balance and the latest lines, newest first, and their coupons. */
    record WalletView(String accountId, long balanceFen, long availableFen, long heldFen, List<LineView> latest, List<CouponView> coupons) {
    }

    /**
     * A coupon: what is left (less what a till holds), where and until when it is spent.
     *
     * @param usable whether it can be spent now (within the window, with money left)
     */
    /** A coupon in its holder's wallet, with its latest lines (newest first): where and when it paid. */
    record CouponView(String campaignId, String campaignName, String accountId, long leftFen, long heldFen, long thresholdFen,
            long discountFen, java.time.LocalDate firstDay, java.time.LocalDate lastDay, java.util.Set<String> merchants, boolean usable,
            List<LineView> latest) {

        static CouponView of(cn.unionhub.membercard.coupon.CampaignService.Coupon c, java.time.Instant now, List<LineView> latest,
                boolean activeMember) {
            var b = c.account().balances();
            return new CouponView(c.campaign().id(), c.campaign().name(), c.account().id(), b.available(), b.debitsPending(),
                    c.campaign().rule().thresholdFen(), c.campaign().rule().discountFen(), c.campaign().firstDay(),
                    c.campaign().lastDay(), c.campaign().merchants(), activeMember && c.campaign().openAt(now) && b.available() > 0,
                    latest);
        }
    }

    record ReconciliationView(String runId, String businessDate, boolean clean, long accounts, long entries, long inFlight,
            List<String> violations, OffsetDateTime startedAt, OffsetDateTime finishedAt) {

        static ReconciliationView of(cn.unionhub.events.membercard.LedgerReconciled r) {
            return new ReconciliationView(r.runId(), r.businessDate(), r.clean(), r.accounts(), r.entries(), r.inFlight(),
                    r.violations(), BusinessCalendar.beijing(r.startedAt()), BusinessCalendar.beijing(r.finishedAt()));
        }

        static ReconciliationView of(ReconciliationDocument d) {
            return new ReconciliationView(d.id, d.businessDate, d.clean, d.accounts, d.entries, d.inFlight, d.violations,
                    BusinessCalendar.beijing(d.startedAt), BusinessCalendar.beijing(d.finishedAt));
        }
    }

}
