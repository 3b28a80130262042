package cn.unionhub.membercard.card.domain;

import static cn.unionhub.membercard.card.domain.CardFixtures.HOLDER;
import static cn.unionhub.membercard.card.domain.CardFixtures.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.membercard.CardActivated;
import cn.unionhub.events.membercard.CardCancelled;
import cn.unionhub.events.membercard.CardEvent;
import cn.unionhub.events.membercard.CardFrozen;
import cn.unionhub.events.membercard.CardIssued;
import cn.unionhub.events.membercard.CardReplaced;
import cn.unionhub.events.membercard.CardReportedLost;
import cn.unionhub.membercard.card.domain.Card.Status;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.RuleViolationException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CardLifecycleTest {

    private static final Instant LATER = CardFixtures.ISSUED_AT.plusSeconds(3600);
    private static final Card.Link NEW_CARD = new Card.Link("C0123456789AD", CardNumbers.compose(CardFixtures.NINGBO_PREFIX, 44));

    /** Every step and the statuses it may start from; from any other status it is refused. */
    private static final Map<String, Set<Status>> LEGAL = Map.of(
            "ACTIVATE", EnumSet.of(Status.ISSUED),
            "FREEZE", EnumSet.of(Status.ACTIVE),
            "UNFREEZE", EnumSet.of(Status.FROZEN),
            "REPORT_LOST", EnumSet.of(Status.ACTIVE, Status.FROZEN),
            "REPLACE", EnumSet.of(Status.LOST),
            "CANCEL", EnumSet.of(Status.ISSUED, Status.ACTIVE, Status.FROZEN, Status.LOST));

    private static final Map<String, Function<Card, Card.Changed>> STEPS = Map.of(
            "ACTIVATE", c -> c.activate(STAFF, null, LATER),
            "FREEZE", c -> c.freeze(STAFF, null, LATER),
            "UNFREEZE", c -> c.unfreeze(STAFF, null, LATER),
            "REPORT_LOST", c -> c.reportLost(STAFF, null, LATER),
            "REPLACE", c -> c.replaceWith(NEW_CARD, STAFF, null, LATER),
            "CANCEL", c -> c.cancel(STAFF, null, LATER));

    static Stream<Arguments> illegalSteps() {
        return LEGAL.entrySet().stream().flatMap(step -> EnumSet.complementOf(EnumSet.copyOf(step.getValue())).stream()
                .map(from -> Arguments.of(step.getKey(), from)));
    }

    @ParameterizedTest(name = "{0} from {1} is refused")
    @MethodSource("illegalSteps")
    void everyStepOutOfOrderIsRefusedAndAnnouncesNothing(String step, Status from) {
        Card card = CardFixtures.in(from);
        assertThatThrownBy(() -> STEPS.get(step).apply(card))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("card-illegal-transition");
                    assertThat(e.arguments()).containsExactly(card.maskedNumber(), from.name(), step);
                });
    }

    @Test
    void theIllegalMatrixCoversEveryStepFromEveryStatus() {
        assertThat(illegalSteps().count() + LEGAL.values().stream().mapToInt(Set::size).sum())
                .isEqualTo((long) STEPS.size() * Status.values().length);
    }

    @Test
    void aNewCardIsIssuedNotYetUsableAndAnnouncedWithItsNumberMasked() {
        Card.Changed issued = Card.issue("C0123456789AB", CardNumbers.compose("6230913302", 42), CardType.MEMBER_SERVICE_CARD,
                CardFixtures.ZHANG_WEI.memberId(), null, STAFF, CardFixtures.ISSUED_AT);

        assertThat(issued.card().status()).isEqualTo(Status.ISSUED);
        assertThat(issued.card().history()).singleElement().satisfies(s -> assertThat(s.action()).isEqualTo("ISSUED"));
        assertThat(issued.events()).singleElement().isInstanceOfSatisfying(CardIssued.class, e -> {
            assertThat(e.cardId()).isEqualTo("C0123456789AB");
            assertThat(e.maskedNumber()).isEqualTo(issued.card().maskedNumber()).doesNotContain(issued.card().number());
            assertThat(e.cardType()).isEqualTo("MEMBER_SERVICE");
            assertThat(e.memberId()).isEqualTo(CardFixtures.ZHANG_WEI.memberId());
            assertThat(e.status()).isEqualTo("ISSUED");
            assertThat(e.occurredAt()).isEqualTo(CardFixtures.ISSUED_AT);
        });
    }

    @Test
    void entitlementCertificatesAreNotNumberedFromTheCardRange() {
        assertThatThrownBy(() -> Card.issue("C0123456789AB", CardNumbers.compose("6230913302", 42), CardType.HARDSHIP_WORKER_CERTIFICATE,
                CardFixtures.ZHANG_WEI.memberId(), null, STAFF, CardFixtures.ISSUED_AT))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        e -> assertThat(e.violations()).extracting(v -> v.code()).containsExactly("card-type-not-issued"));
    }

    @Test
    void aCardIsActivatedFrozenUnfrozenReportedLostAndReplacedEachStepWithItsEvent() {
        Card.Changed activated = CardFixtures.issued().activate(HOLDER, null, LATER);
        assertThat(activated.card().status()).isEqualTo(Status.ACTIVE);
        assertThat(only(activated, CardActivated.class).status()).isEqualTo("ACTIVE");

        Card.Changed frozen = activated.card().freeze(STAFF, "核查异常交易", LATER);
        assertThat(frozen.card().status()).isEqualTo(Status.FROZEN);
        assertThat(only(frozen, CardFrozen.class).status()).isEqualTo("FROZEN");

        Card.Changed unfrozen = frozen.card().unfreeze(STAFF, null, LATER);
        assertThat(unfrozen.card().status()).isEqualTo(Status.ACTIVE);
        assertThat(only(unfrozen, CardActivated.class).status()).as("unfreezing is announced as activation").isEqualTo("ACTIVE");

        Card.Changed lost = unfrozen.card().reportLost(HOLDER, "钱包丢失", LATER);
        assertThat(lost.card().status()).isEqualTo(Status.LOST);
        assertThat(only(lost, CardReportedLost.class).status()).isEqualTo("LOST");

        Card.Changed replaced = lost.card().replaceWith(NEW_CARD, STAFF, "补卡", LATER);
        assertThat(replaced.card().status()).isEqualTo(Status.REPLACED);
        assertThat(replaced.card().replacedBy()).isEqualTo(NEW_CARD);
        assertThat(only(replaced, CardReplaced.class).replacement()).isEqualTo(NEW_CARD.cardId());

        assertThat(replaced.card().history()).extracting(Card.Step::action)
                .containsExactly("ISSUED", "ACTIVATED", "FROZEN", "UNFROZEN", "REPORTED_LOST", "REPLACED");
        assertThat(replaced.card().history()).extracting(Card.Step::reason).containsExactly(null, null, "核查异常交易", null, "钱包丢失", "补卡");
    }

    @Test
    void everyStatusThatIsNotFinalCanBeCancelled() {
        for (Status from : EnumSet.of(Status.ISSUED, Status.ACTIVE, Status.FROZEN, Status.LOST)) {
            Card.Changed cancelled = CardFixtures.in(from).cancel(STAFF, "会员退会", LATER);
            assertThat(cancelled.card().status()).isEqualTo(Status.CANCELLED);
            assertThat(cancelled.card().status().isFinal()).isTrue();
            assertThat(only(cancelled, CardCancelled.class).status()).isEqualTo("CANCELLED");
        }
    }

    @Test
    void aHolderMayUnfreezeOnlyACardTheyFrozeThemselves() {
        Card active = CardFixtures.in(Status.ACTIVE);

        Card frozenByHolder = active.freeze(HOLDER, "暂时找不到卡", LATER).card();
        assertThat(frozenByHolder.frozenByHolder()).isTrue();
        assertThat(frozenByHolder.unfreeze(HOLDER, null, LATER).card().status()).isEqualTo(Status.ACTIVE);

        Card frozenByUnion = active.freeze(STAFF, "核查异常交易", LATER).card();
        assertThatThrownBy(() -> frozenByUnion.unfreeze(HOLDER, null, LATER))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("card-frozen-by-union"));
        assertThat(frozenByUnion.unfreeze(STAFF, null, LATER).card().frozenByHolder()).isFalse();

        // The holder froze it, then the union suspects fraud: its freeze holds the card, the holder can no longer lift it.
        Card heldByUnion = frozenByHolder.freeze(STAFF, "涉嫌盗刷，工会冻结", LATER).card();
        assertThat(heldByUnion.status()).isEqualTo(Status.FROZEN);
        assertThat(heldByUnion.frozenByHolder()).isFalse();
        assertThatThrownBy(() -> heldByUnion.unfreeze(HOLDER, null, LATER))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("card-frozen-by-union"));
        assertThatThrownBy(() -> frozenByHolder.freeze(HOLDER, null, LATER)).isInstanceOf(ConflictException.class);
    }

    @Test
    void onlyCardsThatAreNotFinalHoldTheMembersPlace() {
        assertThat(EnumSet.allOf(Status.class).stream().filter(s -> !s.isFinal()))
                .containsExactlyInAnyOrder(Status.ISSUED, Status.ACTIVE, Status.FROZEN, Status.LOST);
    }

    @Test
    void reasonsAreTrimmedAndLimited() {
        assertThat(Card.reason("  钱包丢失 ")).isEqualTo("钱包丢失");
        assertThat(Card.reason("   ")).isNull();
        assertThat(Card.reason(null)).isNull();
        assertThatThrownBy(() -> Card.reason("长".repeat(Card.MAX_REASON + 1)))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        e -> assertThat(e.violations()).extracting(v -> v.field()).containsExactly("reason"));
    }

    @Test
    void idsAreTheRegistersCardIdFormat() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            assertThat(Card.newId(random)).matches("^C[0-9A-HJKMNP-TV-Z]{12}$");
        }
    }

    private static <E extends CardEvent> E only(Card.Changed changed, Class<E> type) {
        assertThat(changed.events()).hasSize(1);
        DomainEvent event = changed.events().get(0);
        assertThat(event).isInstanceOf(type);
        CardEvent card = (CardEvent) event;
        assertThat(card.cardId()).isEqualTo(changed.card().id());
        assertThat(card.maskedNumber()).matches("^[0-9]{4}\\*+[0-9]{4}$");
        assertThat(card.occurredAt()).isEqualTo(LATER);
        return type.cast(event);
    }
}
