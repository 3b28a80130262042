package cn.unionhub.membercard.card.store;

import cn.unionhub.membercard.card.domain.Card;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * How a card is stored. Keyed by its number, so a look-up by number is a key look-up on any store
 * (the embedded one ignores non-unique indexes); the register id is unique too.
 */
@Document("cards")
class CardDocument {

    /** The full card number. */
    @Id
    String number;
    @Version
    Long version;
    @Indexed(unique = true)
    String cardId;
    String cardType;
    String memberId;
    String status;
    boolean frozenByHolder;
    Card.Link replaces;
    Card.Link replacedBy;
    Instant issuedAt;
    List<Card.Step> history;
}
