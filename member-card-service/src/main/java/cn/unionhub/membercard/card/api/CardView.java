package cn.unionhub.membercard.card.api;

import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.membercard.card.CardService;
import cn.unionhub.membercard.card.domain.Card;
import cn.unionhub.membercard.card.domain.CardNumbers;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A card as a caller sees it: the number in full for the staff who manage the member and for the
 * holder, masked ({@code 6230***********0427}) for everyone else, and so are the numbers of linked
 * cards. Reasons given for steps are shown to the same people only. Times in Beijing time.
 *
 * @param numberMasked whether {@code number} (and the linked numbers) are masked
 * @param replaces     the card this one replaced, if any
 * @param replacedBy   the card that replaced this one, if any
 */
public record CardView(String cardId, String number, boolean numberMasked, String cardType, String memberId, String status,
        Link replaces, Link replacedBy, OffsetDateTime issuedAt, List<StepView> history) {


    public record Link(String cardId, String number) {
    }

    /** @param by HOLDER or STAFF */
    public record StepView(String action, String status, OffsetDateTime at, String by, String reason) {
    }

    static CardView of(CardService.Shown shown) {
        Card c = shown.card();
        boolean full = shown.access().seesFullNumber();
        // Whose card it is, only to those who see the number: card numbers follow each other, and a government client
        // walking them read the member behind each, name and all (exploratory test, 2026-12-04).
        return new CardView(c.id(), shown(c.number(), full), !full, c.type().name(), full ? c.memberId() : null, c.status().name(),
                link(c.replaces(), full), link(c.replacedBy(), full), BusinessCalendar.beijing(c.issuedAt()),
                c.history().stream().map(s -> new StepView(s.action(), s.status().name(), BusinessCalendar.beijing(s.at()), s.party().name(),
                        full ? s.reason() : null)).toList());
    }

    private static Link link(Card.Link link, boolean full) {
        return link == null ? null : new Link(link.cardId(), shown(link.number(), full));
    }

    private static String shown(String number, boolean full) {
        return full ? number : CardNumbers.mask(number);
    }

}
