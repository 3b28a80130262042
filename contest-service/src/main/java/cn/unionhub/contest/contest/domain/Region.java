package cn.unionhub.contest.contest.domain;

import cn.unionhub.security.Divisions;
import java.util.List;

/**
 * A mainland administrative division by its six-digit code (GB/T 2260): {@code 130000} 河北省,
 * {@code 130100} 石家庄市, {@code 130102} 长安区. The code alone tells the level and what contains what,
 * which is all a contest needs: a county's contest feeds the contest of the city it lies in.
 */
public record Region(String code) {

    public enum Level {
        PROVINCE, CITY, COUNTY
    }

    public Region {
        if (!isValid(code)) {
            throw new IllegalArgumentException("not a six-digit division code: " + code);
        }
    }

    public static boolean isValid(String code) {
        return Divisions.isValid(code);
    }

    public Level level() {
        if (code.endsWith("0000")) {
            return Level.PROVINCE;
        }
        return code.endsWith("00") ? Level.CITY : Level.COUNTY;
    }

    /** This division and those it lies in, smallest first: 330211 → 330211, 330200, 330000. */
    public List<String> andContaining() {
        return switch (level()) {
            case PROVINCE -> List.of(code);
            case CITY -> List.of(code, code.substring(0, 2) + "0000");
            case COUNTY -> List.of(code, code.substring(0, 4) + "00", code.substring(0, 2) + "0000");
        };
    }

    /** Whether {@code other} lies in this division (a division contains itself). */
    public boolean contains(Region other) {
        return Divisions.contains(code, other.code);
    }
}
