package cn.unionhub.membercard.card.store;

import cn.unionhub.membercard.card.domain.PayKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Cards' pay keys ({@code card_pay_keys}, {@code _id} = the card number). Kept apart from the card
 * document, whose changes replace it whole, so a redemption never races a card step. Every write
 * names the key's issue time: a write meant for a key the member has since replaced changes nothing.
 */
@Repository
public class PayKeys {

    static final String COLLECTION = "card_pay_keys";
    /** Longer than any code takes to judge: tries this old that were neither given back nor locked were lost to a stop. */
    static final Duration STALE_TRIES = Duration.ofMinutes(1);

    private final MongoTemplate mongo;

    PayKeys(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Retires the cards' pay keys: no code of theirs is taken again until the holder fetches a new key. */
    public void retire(java.util.Collection<String> cardNumbers) {
        if (!cardNumbers.isEmpty()) {
            mongo.getCollection(COLLECTION).deleteMany(new Document("_id", new Document("$in", java.util.List.copyOf(cardNumbers))));
        }
    }

    /** Puts a new key in place of any earlier one (a new phone, or the old one lost). */
    public void replace(PayKey key) {
        Document claims = new Document();
        key.claims().forEach((step, order) -> claims.append(String.valueOf(step), order));
        Document d = new Document("_id", key.cardNumber()).append("secret", new Binary(key.secret()))
                .append("issuedAt", Date.from(key.issuedAt())).append("claims", claims)
                .append("failures", key.failures()).append("lockedUntil", key.lockedUntil() == null ? null : Date.from(key.lockedUntil()));
        mongo.getCollection(COLLECTION).replaceOne(new Document("_id", key.cardNumber()), d,
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    /**
     * Claims a step's code for an order unless another order came first (one conditional write, so two
     * orders racing with one code cannot both have it, while the same order sent twice at once can),
     * gives the try back, and drops claims too old to matter.
     */
    public boolean claim(PayKey key, long step, String order, Instant now) {
        String path = "claims." + step;
        Query query = ofKey(key).addCriteria(new Criteria().orOperator(Criteria.where(path).exists(false), Criteria.where(path).is(order)));
        Update update = new Update().set(path, order).set("failures", 0);
        key.staleClaims(now).forEach(stale -> update.unset("claims." + stale));
        return mongo.updateFirst(query, update, COLLECTION).getMatchedCount() > 0;
    }

    /**
     * Takes one of the key's tries before a code is judged: one conditional increment of
     * {@code failures}, refused while the key is locked or {@link PayKey#MAX_FAILURES} tries are
     * taken. Counting before judging is what makes the limit hold for codes sent all at once: a
     * thousand guesses in parallel would otherwise all read an unlocked key, and each be judged.
     * A right code gives its try back ({@link #claim}, {@link #succeeded}); a wrong one keeps it.
     *
     * @return the key with this try counted, or why there is none to try
     */
    public Attempt attempt(String cardNumber, Instant now) {
        Document after = take(cardNumber, now);
        if (after != null) {
            return new Attempt.Tried(toDomain(after));
        }
        Document key = mongo.findById(cardNumber, Document.class, COLLECTION);
        if (key == null) {
            return Attempt.Refused.NO_KEY;
        }
        Date lockedUntil = key.getDate("lockedUntil");
        if (lockedUntil != null && lockedUntil.toInstant().isAfter(now)) {
            return Attempt.Refused.LOCKED;
        }
        // All tries taken and no lock: codes are being judged right now — or were, by a process that
        // stopped before it could give them back or lock. Tries that old are forgotten (conditionally,
        // so a newer try is not), and this code is tried again.
        Date triedAt = key.getDate("triedAt");
        if (triedAt != null && triedAt.toInstant().isBefore(now.minus(STALE_TRIES))
                && mongo.updateFirst(new Query(Criteria.where("_id").is(cardNumber).and("triedAt").is(triedAt)),
                        new Update().set("failures", 0), COLLECTION).getModifiedCount() > 0
                && (after = take(cardNumber, now)) != null) {
            return new Attempt.Tried(toDomain(after));
        }
        return Attempt.Refused.BUSY;
    }

    /** The conditional increment of {@link #attempt}: the key after it, or null when refused (or no key). */
    private Document take(String cardNumber, Instant now) {
        Query open = new Query(Criteria.where("_id").is(cardNumber).and("failures").lt(PayKey.MAX_FAILURES)
                .orOperator(Criteria.where("lockedUntil").is(null), Criteria.where("lockedUntil").lte(Date.from(now))));
        return mongo.findAndModify(open, new Update().inc("failures", 1).set("triedAt", Date.from(now)),
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
    }

    /** What {@link #attempt} found. */
    public sealed interface Attempt {

        /** A try was taken of this key (its {@code failures} count it). */
        record Tried(PayKey key) implements Attempt {
        }

        /** No try: the card has no key, it is locked, or its last tries are all being judged at this moment. */
        enum Refused implements Attempt { NO_KEY, LOCKED, BUSY }
    }

    /** A right code that claimed nothing (a quote, or an order's retry using its own claim again): its try is given back. */
    public void succeeded(PayKey key) {
        mongo.updateFirst(ofKey(key), new Update().set("failures", 0), COLLECTION);
    }

    /** The try that used up the last of {@link PayKey#MAX_FAILURES} was wrong: the key is locked for {@link PayKey#LOCK}. */
    public void lock(PayKey key, Instant now) {
        mongo.updateFirst(ofKey(key), new Update().set("failures", 0).set("lockedUntil", Date.from(now.plus(PayKey.LOCK))), COLLECTION);
    }

    private static Query ofKey(PayKey key) {
        return new Query(Criteria.where("_id").is(key.cardNumber()).and("issuedAt").is(Date.from(key.issuedAt())));
    }

    private static PayKey toDomain(Document d) {
        Date locked = d.getDate("lockedUntil");
        Map<Long, String> claims = new HashMap<>();
        Document stored = d.get("claims", Document.class);
        if (stored != null) {
            stored.forEach((step, order) -> claims.put(Long.valueOf(step), (String) order));
        }
        return new PayKey(d.getString("_id"), d.get("secret", Binary.class).getData(), d.getDate("issuedAt").toInstant(), claims,
                d.getInteger("failures", 0), locked == null ? null : locked.toInstant());
    }
}
