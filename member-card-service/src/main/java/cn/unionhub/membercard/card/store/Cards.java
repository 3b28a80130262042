package cn.unionhub.membercard.card.store;

import cn.unionhub.membercard.card.domain.Card;
import cn.unionhub.membercard.card.domain.CardType;
import cn.unionhub.platform.events.AggregateStore;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Cards in MongoDB, each written with its events in one document write (outbox); changes are
 * applied to the freshly loaded card under optimistic locking.
 */
@Repository
public class Cards {

    private final MongoTemplate mongo;
    private final AggregateStore store;

    Cards(MongoTemplate mongo, AggregateStore store) {
        this.mongo = mongo;
        this.store = store;
    }

    public Optional<Card> byNumber(String number) {
        return Optional.ofNullable(mongo.findById(number, CardDocument.class)).map(Cards::toDomain);
    }

    /** The cards with these numbers (key look-ups), newest first; numbers without a card are left out. */
    public List<Card> byNumbers(Collection<String> numbers) {
        if (numbers.isEmpty()) {
            return List.of();
        }
        return mongo.find(new Query(Criteria.where("_id").in(numbers)), CardDocument.class).stream().map(Cards::toDomain)
                .sorted(Comparator.comparing(Card::issuedAt).reversed()).toList();
    }

    /** Raises {@code DuplicateKeyException} if the number (or, very rarely, the id) is taken. */
    public void insert(Card.Changed issued) {
        store.insert(toDocument(issued.card()), issued.events());
    }

    /** Applies a step to a card (retried on a concurrent change); empty if there is no such card. */
    public Optional<Card> change(String number, Function<Card, Card.Changed> step) {
        return store.modify(CardDocument.class, number, current -> {
            Card.Changed changed = step.apply(toDomain(current));
            CardDocument updated = toDocument(changed.card());
            updated.version = current.version;
            return new AggregateStore.Change<>(updated, changed.events());
        }).map(Cards::toDomain);
    }

    private static CardDocument toDocument(Card card) {
        CardDocument d = new CardDocument();
        d.number = card.number();
        d.cardId = card.id();
        d.cardType = card.type().name();
        d.memberId = card.memberId();
        d.status = card.status().name();
        d.frozenByHolder = card.frozenByHolder();
        d.replaces = card.replaces();
        d.replacedBy = card.replacedBy();
        d.issuedAt = card.issuedAt();
        d.history = card.history();
        return d;
    }

    private static Card toDomain(CardDocument d) {
        return new Card(d.cardId, d.number, CardType.valueOf(d.cardType), d.memberId, Card.Status.valueOf(d.status),
                d.frozenByHolder, d.replaces, d.replacedBy, d.history == null ? List.of() : d.history);
    }
}
