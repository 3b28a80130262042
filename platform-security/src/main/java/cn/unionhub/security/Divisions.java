package cn.unionhub.security;

import java.util.regex.Pattern;

/**
 * Mainland administrative divisions by their six-digit codes (GB/T 2260): {@code 330000} 浙江省,
 * {@code 330200} 宁波市, {@code 330211} 镇海区. The code alone tells the level and what lies in what,
 * which is what deciding "the union over this district" needs: a city's office (330200) is over its
 * counties (330211), a province's (330000) over its cities and counties, a county's over itself.
 */
public final class Divisions {

    private static final Pattern CODE = Pattern.compile("[1-8]\\d{5}");

    private Divisions() {
    }

    public static boolean isValid(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    /** Whether {@code inner} lies in {@code outer} (a division lies in itself); false for anything not a code. */
    public static boolean contains(String outer, String inner) {
        if (!isValid(outer) || !isValid(inner)) {
            return false;
        }
        if (outer.endsWith("0000")) {
            return inner.startsWith(outer.substring(0, 2));
        }
        return outer.endsWith("00") ? inner.startsWith(outer.substring(0, 4)) : outer.equals(inner);
    }

    /**
     * The city a division lies in ({@code 330211} → {@code 330200}); a city or province is its own. Anything not a
     * code is returned as it is, so that it contains nothing ({@link #contains}) rather than everything.
     */
    public static String cityOf(String code) {
        if (!isValid(code) || code.endsWith("00")) {
            return code;
        }
        return code.substring(0, 4) + "00";
    }

    /**
     * The division of the registration authority in a unified social credit code (统一社会信用代码, GB 32100: characters
     * 3–8), e.g. {@code 91330211MA2H3K5Q1G} → {@code 330211}: where an enterprise the register does not know yet was
     * registered. Empty for anything else.
     */
    public static java.util.Optional<String> ofCreditCode(String uscc) {
        if (uscc == null || uscc.length() != 18) {
            return java.util.Optional.empty();
        }
        String code = uscc.substring(2, 8);
        return isValid(code) ? java.util.Optional.of(code) : java.util.Optional.empty();
    }

    /** Whether the code is a city's or a province's: the districts of several lie in it, not only itself. */
    public static boolean isAboveCounty(String code) {
        return isValid(code) && code.endsWith("00");
    }

    /**
     * What every code lying in {@code division} starts with ({@code 330000} → {@code 33}, {@code 330200} →
     * {@code 3302}, {@code 330211} → itself), for a store's prefix query; {@code null} for anything not a code.
     */
    public static String prefixOf(String division) {
        if (!isValid(division)) {
            return null;
        }
        if (division.endsWith("0000")) {
            return division.substring(0, 2);
        }
        return division.endsWith("00") ? division.substring(0, 4) : division;
    }
}
