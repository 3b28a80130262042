package cn.unionhub.contest.judging.domain;

/**
 * A judge (裁判) of an event.
 *
 * @param id         their account
 * @param enterprise the unified social credit code of the enterprise they work for; null for an
 *                   independent judge (a college teacher, a retired master)
 * @param chief      a chief judge (裁判长): confirms scores that lie far apart, corrects and disqualifies
 */
public record Judge(String id, String name, String enterprise, boolean chief) {
}
