package cn.unionhub.membercard.card.domain;

/**
 * Whether a member may hold a card of a type beyond the member service card: a 劳模卡 only for a
 * member on the model-worker register. The register answers; the card service asks before numbering.
 */
public interface CardEligibility {

    boolean mayHold(String memberId, CardType type);
}
