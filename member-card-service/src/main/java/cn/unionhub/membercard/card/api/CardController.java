package cn.unionhub.membercard.card.api;

import cn.unionhub.membercard.card.CardService;
import cn.unionhub.membercard.card.PayCodeService;
import cn.unionhub.security.Actor;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Member service cards (工会会员服务卡): union staff issue, replace and cancel the cards of the
 * members they manage (their enterprise or district); holders and staff activate, freeze, unfreeze
 * and report them lost; government systems may look a card up. A card number in the path is
 * checked (19 digits, Luhn) before anything is looked up: a typo answers 400, a card the caller
 * may not see 404. A step the card is not ready for answers 409.
 */
@RestController
@RequestMapping("/api/v1/member-cards")
class CardController {

    /** @param cardType a code from {@code GET /api/v1/member-cards/card-types}; only MEMBER_SERVICE_CARD is numbered here */
    record IssueRequest(String memberId, String cardType) {
    }

    /** @param reason why (optional, up to 200 characters), kept in the card's history */
    record StepRequest(String reason) {
    }

    private final CardService cards;
    private final PayCodeService payCodes;

    CardController(CardService cards, PayCodeService payCodes) {
        this.cards = cards;
        this.payCodes = payCodes;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CardView issue(@RequestBody IssueRequest request, Actor actor) {
        return CardView.of(cards.issue(request.memberId(), request.cardType(), actor));
    }

    /** The caller's own cards, newest first, including replaced and cancelled ones. */
    @GetMapping("/mine")
    List<CardView> mine(Actor actor) {
        return cards.mine(actor).stream().map(CardView::of).toList();
    }

    @GetMapping("/{cardNumber}")
    CardView find(@PathVariable String cardNumber, Actor actor) {
        return CardView.of(cards.find(cardNumber, actor));
    }

    @PostMapping("/{cardNumber}/activation")
    CardView activate(@PathVariable String cardNumber, @RequestBody(required = false) StepRequest request, Actor actor) {
        return CardView.of(cards.activate(cardNumber, reason(request), actor));
    }

    @PostMapping("/{cardNumber}/freeze")
    CardView freeze(@PathVariable String cardNumber, @RequestBody(required = false) StepRequest request, Actor actor) {
        return CardView.of(cards.freeze(cardNumber, reason(request), actor));
    }

    /** A holder may unfreeze only a card they froze themselves. */
    @PostMapping("/{cardNumber}/unfreeze")
    CardView unfreeze(@PathVariable String cardNumber, @RequestBody(required = false) StepRequest request, Actor actor) {
        return CardView.of(cards.unfreeze(cardNumber, reason(request), actor));
    }

    @PostMapping("/{cardNumber}/loss-report")
    CardView reportLost(@PathVariable String cardNumber, @RequestBody(required = false) StepRequest request, Actor actor) {
        return CardView.of(cards.reportLost(cardNumber, reason(request), actor));
    }

    /** Replaces a lost card: answers the new card. */
    @PostMapping("/{cardNumber}/replacement")
    @ResponseStatus(HttpStatus.CREATED)
    CardView replace(@PathVariable String cardNumber, @RequestBody(required = false) StepRequest request, Actor actor) {
        return CardView.of(cards.replace(cardNumber, reason(request), actor));
    }

    @PostMapping("/{cardNumber}/cancellation")
    CardView cancel(@PathVariable String cardNumber, @RequestBody(required = false) StepRequest request, Actor actor) {
        return CardView.of(cards.cancel(cardNumber, reason(request), actor));
    }

    /**
     * A new pay key for the holder's own active card (the worker app keeps it and shows the pay code
     * from it, offline); any earlier key stops working. Not stored anywhere the caller can read again.
     */
    @PostMapping("/{cardNumber}/pay-key")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<PayCodeService.Issued> payKey(@PathVariable String cardNumber, Actor actor) {
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(payCodes.issueKey(cardNumber, actor));
    }

    private static String reason(StepRequest request) {
        return request == null ? null : request.reason();
    }
}
