package cn.unionhub.contest.contest.domain;

/**
 * One scored aspect of an event's practical part (评分项), e.g. 焊缝外观 judged out of 30 points.
 *
 * @param code             short and stable within its event, e.g. {@code A1}; score entries refer to it
 * @param maxHundredths    the most it can score, in hundredths of a point
 */
public record Aspect(String code, String name, AspectKind kind, int maxHundredths) {
}
