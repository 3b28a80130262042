package cn.unionhub.membercard.card.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import cn.unionhub.membercard.card.domain.CardType;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The rule "at most one card of a type per member that is not final", kept by a unique key because
 * the store has no multi-document transactions: one {@code card_holders} document per member and
 * type ({@code _id = <memberId>:<type>}) whose {@code card} names the member's current card. Taking
 * that place is a single-document conditional write — an upsert that only matches while the place
 * is free, so a second concurrent claim collides on {@code _id} — and so are moving it to a
 * replacement card and giving it up on cancellation. The document also lists every number the
 * member was ever given, which is how a member's cards are found without searching all cards.
 *
 * <p>The claim is written <em>before</em> the card it names, and given up only <em>after</em> the
 * card is cancelled, so a crash in between leaves a claim naming a card that is missing or final,
 * never two current cards; {@code CardService} finishes or takes over such claims.
 */
@Repository
public class CardClaims {

    static final String COLLECTION = "card_holders";

    /**
     * @param card     the member's current card number, {@code null} when the place is free
     * @param replaces while a replacement is under way or after it, the number of the card replaced
     * @param cards    every number the member was given for this type, oldest first
     * @param claimedAt when {@code card} took the place
     */
    public record Claim(String memberId, CardType type, String card, String replaces, List<String> cards, Instant claimedAt) {
    }

    private final MongoTemplate mongo;

    CardClaims(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<Claim> of(String memberId, CardType type) {
        return Optional.ofNullable(mongo.findById(key(memberId, type), Document.class, COLLECTION)).map(CardClaims::toClaim);
    }

    /** The member's claims of every type (key look-ups). */
    public List<Claim> ofMember(String memberId) {
        List<String> keys = Arrays.stream(CardType.values()).map(type -> key(memberId, type)).toList();
        return mongo.find(new Query(where("_id").in(keys)), Document.class, COLLECTION).stream().map(CardClaims::toClaim).toList();
    }

    /** Takes the member's free place for {@code number}: false if the member holds a card of this type. */
    public boolean claim(String memberId, CardType type, String number, Instant at) {
        Query free = new Query(where("_id").is(key(memberId, type)).and("card").is(null));
        Update take = new Update().set("card", number).set("memberId", memberId).set("cardType", type.name())
                .set("claimedAt", at).unset("replaces").push("cards", number);
        try {
            mongo.upsert(free, take, COLLECTION);
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    /**
     * Moves the place from card {@code from} to card {@code to} (a replacement, with {@code replaces}
     * = {@code from}; or a takeover of a place left by a cancelled card, with {@code replaces} null):
     * false if the place no longer names {@code from}.
     */
    public boolean move(String memberId, CardType type, String from, String to, String replaces, Instant at) {
        Query held = new Query(where("_id").is(key(memberId, type)).and("card").is(from));
        Update move = new Update().set("card", to).set("claimedAt", at).push("cards", to);
        if (replaces == null) {
            move.unset("replaces");
        } else {
            move.set("replaces", replaces);
        }
        return mongo.updateFirst(held, move, COLLECTION).getMatchedCount() == 1;
    }

    /** Frees the place if card {@code number} still holds it (a no-op otherwise, so safe to repeat). */
    public void release(String memberId, CardType type, String number, Instant at) {
        Query held = new Query(where("_id").is(key(memberId, type)).and("card").is(number));
        mongo.updateFirst(held, new Update().unset("card").unset("replaces").set("releasedAt", at), COLLECTION);
    }

    static String key(String memberId, CardType type) {
        return memberId + ":" + type.name();
    }

    private static Claim toClaim(Document d) {
        String id = d.getString("_id");
        int colon = id.lastIndexOf(':');
        List<String> cards = d.getList("cards", String.class);
        Date claimedAt = d.getDate("claimedAt");
        return new Claim(id.substring(0, colon), CardType.valueOf(id.substring(colon + 1)), d.getString("card"),
                d.getString("replaces"), cards == null ? List.of() : List.copyOf(cards),
                claimedAt == null ? Instant.EPOCH : claimedAt.toInstant());
    }
}
