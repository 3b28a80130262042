package cn.unionhub.membercard.card.domain;

/**
 * A member as far as their cards are concerned: who they are in the register, the account they
 * sign in with, and the union, enterprise and district that decide who manages their cards.
 *
 * @param memberId   register id ({@code M} + 12 Crockford base32 characters)
 * @param account    the subject of the member's sign-in tokens, {@code null} if they have none yet
 * @param union      id of the grassroots or joint union the member belongs to
 * @param enterprise unified social credit code of the enterprise whose own union (基层工会) the member is in — its chair
 *                   manages their cards; {@code null} for a joint union's member (their employer's chair has no say)
 * @param district   administrative division code (6 digits) of the member's district
 * @param active     whether the member is currently an active member (only they get new cards)
 */
public record Holder(String memberId, String account, String union, String enterprise, String district, boolean active) {
}
