package cn.unionhub.membercard.ledger.domain;

/**
 * An account's four running totals in fen, as TigerBeetle keeps them: what is held (pending) and
 * what is posted, on each side. Every transfer adds the same amount to one account's debits and
 * another's credits, so over all accounts debits equal credits once nothing is in flight.
 *
 * <p>Balances are credit-normal: money a member or union has is a credit. {@link #available()} is
 * what may still be debited: the posted balance less everything held against it.
 */
public record Balances(long debitsPending, long debitsPosted, long creditsPending, long creditsPosted) {

    public static final Balances ZERO = new Balances(0, 0, 0, 0);

    public Balances {
        if (debitsPending < 0 || debitsPosted < 0 || creditsPending < 0 || creditsPosted < 0) {
            throw new IllegalStateException("a running total below zero: " + debitsPending + "/" + debitsPosted + "/"
                    + creditsPending + "/" + creditsPosted);
        }
    }

    /** Posted credits less posted debits: the money on the account. */
    public long balance() {
        return creditsPosted - debitsPosted;
    }

    /** The balance less what is held for debits not yet posted. */
    public long available() {
        return balance() - debitsPending;
    }

    /** Adds signed changes; {@link Math#addExact} so an overflow is an error, never a wrapped total. */
    Balances plus(long dDebitsPending, long dDebitsPosted, long dCreditsPending, long dCreditsPosted) {
        return new Balances(Math.addExact(debitsPending, dDebitsPending), Math.addExact(debitsPosted, dDebitsPosted),
                Math.addExact(creditsPending, dCreditsPending), Math.addExact(creditsPosted, dCreditsPosted));
    }
}
