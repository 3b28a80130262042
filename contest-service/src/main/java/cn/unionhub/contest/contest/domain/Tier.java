package cn.unionhub.contest.contest.domain;

import cn.unionhub.platform.domain.Labelled;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.util.List;

/**
 * The level that runs a contest (十百千: the province sets 10 events, cities 100, counties and
 * enterprises 1,000). The best of a lower tier go on to the tier above (层层选拔).
 */
public enum Tier implements Labelled {
    PROVINCE(4, "P"),
    CITY(3, "C"),
    COUNTY(2, "X"),
    ENTERPRISE(1, "E");

    private final int height;
    private final String letter;

    Tier(int height, String letter) {
        this.height = height;
        this.letter = letter;
    }

    public boolean isAbove(Tier other) {
        return height > other.height;
    }

    /** One letter for numbers printed on paper (certificates): P, C, X (县), E. */
    public String letter() {
        return letter;
    }

    /** The administrative level a contest of this tier belongs to; an enterprise's contest sits in its county or city. */
    public boolean fits(Region region) {
        return switch (this) {
            case PROVINCE -> region.level() == Region.Level.PROVINCE;
            case CITY -> region.level() == Region.Level.CITY;
            case COUNTY -> region.level() == Region.Level.COUNTY;
            case ENTERPRISE -> region.level() != Region.Level.PROVINCE;
        };
    }

    /** Where and when a contest or a craftsman batch is held: its tier, a region that fits it, a plausible year. */
    public static void checkPlacement(Tier tier, String region, int year, List<FieldViolation> wrong) {
        if (tier == null) {
            wrong.add(new FieldViolation("tier", "required"));
        }
        if (!Region.isValid(region)) {
            wrong.add(new FieldViolation("region", "invalid-region"));
        } else if (tier != null && !tier.fits(new Region(region))) {
            wrong.add(new FieldViolation("region", "region-does-not-fit-tier", tier.name()));
        }
        if (year < 2000 || year > 2100) {
            wrong.add(new FieldViolation("year", "out-of-range", 2000, 2100));
        }
    }
}
