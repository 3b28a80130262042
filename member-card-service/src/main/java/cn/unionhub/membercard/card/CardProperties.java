package cn.unionhub.membercard.card;

import cn.unionhub.membercard.card.domain.CardRanges;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code unionhub.cards.*}.
 *
 * @param ranges region (4-digit city part of the district code) → issuer identification number (6
 *               digits, the co-branding bank's BIN) of the region's card number range, e.g.
 *               {@code unionhub.cards.ranges.3302=623091}. When nothing is configured, the regions
 *               of the pilot cities are served from a placeholder issuer ({@link #PILOT_RANGES}); a
 *               deployment sets its bank's BIN.
 */
@ConfigurationProperties("unionhub.cards")
public record CardProperties(Map<String, String> ranges) {

    /** 宁波 3302, 青岛 3702, 南昌 3601, on the placeholder issuer 623091 until a bank's BIN is configured. */
    public static final Map<String, String> PILOT_RANGES = Map.of("3302", "623091", "3702", "623091", "3601", "623091");

    public CardRanges cardRanges() {
        return new CardRanges(ranges == null || ranges.isEmpty() ? PILOT_RANGES : ranges);
    }
}
