package cn.unionhub.events.membercard;

import cn.unionhub.events.DomainEvent;
import java.time.Instant;

/**
 * What every ledger transfer event says. Accounts are named by their ledger ids
 * ({@code wallet:<member id>}, {@code fund:<district>}, …), never by a card or ID number. A hold and
 * the transfer that posts or voids it share a Kafka key (the hold's id), so they arrive in order.
 *
 * <p>One record type per outcome so consumers subscribe by CloudEvents type.
 */
public interface TransferEvent extends DomainEvent {

    /** The transfer's ledger id ({@code T…}). */
    String transferId();

    /** TRANSFER, HOLD, POST or VOID. */
    String kind();

    /** What the money is for, e.g. {@code award}, {@code coupon-grant}, {@code redemption}. */
    String code();

    /** The business reference the transfer was made under, if any (e.g. {@code award:<award id>}). */
    String reference();

    String debitAccount();

    String creditAccount();

    /** Fen; for a POST what was posted, for a VOID what was released. */
    long amountFen();

    /** The hold a POST or VOID settles; null otherwise. */
    String holdId();

    Instant occurredAt();

    @Override
    default String subject() {
        return holdId() != null ? holdId() : transferId();
    }
}
