package cn.unionhub.membercard.card.store;

import cn.unionhub.platform.store.Sequences;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * One counter per card number range ({@code card_counters}, {@code _id} = the range's 10-digit
 * prefix): a number is never issued twice (see {@link Sequences}).
 */
@Repository
public class CardSequences {

    static final String COLLECTION = "card_counters";

    private final Sequences counters;

    CardSequences(MongoTemplate mongo) {
        this.counters = new Sequences(mongo, COLLECTION);
    }

    /** The next sequence of the range (1 for its first card). */
    public long next(String prefix) {
        return counters.next(prefix);
    }
}
