package cn.unionhub.station.registry.domain;

import java.util.Locale;
import java.util.Map;

/**
 * The unified station number (统一编号, seed 003): the province's ISO 3166-2:CN letters, the district's
 * administrative code and a sequence within the district, e.g. {@code FJ-350203-0001} for the first
 * station of 厦门市思明区. Sequences only grow: a delisted station's number is never given again.
 */
public final class StationNumbers {

    /** Provinces by the first two digits of an administrative code (GB/T 2260). */
    private static final Map<String, String> PROVINCES = Map.ofEntries(Map.entry("11", "BJ"), Map.entry("12", "TJ"),
            Map.entry("13", "HE"), Map.entry("14", "SX"), Map.entry("15", "NM"), Map.entry("21", "LN"), Map.entry("22", "JL"),
            Map.entry("23", "HL"), Map.entry("31", "SH"), Map.entry("32", "JS"), Map.entry("33", "ZJ"), Map.entry("34", "AH"),
            Map.entry("35", "FJ"), Map.entry("36", "JX"), Map.entry("37", "SD"), Map.entry("41", "HA"), Map.entry("42", "HB"),
            Map.entry("43", "HN"), Map.entry("44", "GD"), Map.entry("45", "GX"), Map.entry("46", "HI"), Map.entry("50", "CQ"),
            Map.entry("51", "SC"), Map.entry("52", "GZ"), Map.entry("53", "YN"), Map.entry("54", "XZ"), Map.entry("61", "SN"),
            Map.entry("62", "GS"), Map.entry("63", "QH"), Map.entry("64", "NX"), Map.entry("65", "XJ"));

    /** The most stations a district can number: four digits. */
    public static final int MAX_SEQUENCE = 9_999;

    private StationNumbers() {
    }

    public static boolean isProvince(String district) {
        return district != null && district.length() == 6 && PROVINCES.containsKey(district.substring(0, 2));
    }

    public static String of(String district, long sequence) {
        if (!isProvince(district)) {
            throw new IllegalArgumentException("not a mainland district code: " + district);
        }
        if (sequence < 1 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequence out of range: " + sequence);
        }
        return PROVINCES.get(district.substring(0, 2)) + "-" + district + "-" + String.format(Locale.ROOT, "%04d", sequence);
    }

    public static boolean isValid(String number) {
        return number != null && number.matches("[A-Z]{2}-[0-9]{6}-[0-9]{4}")
                && PROVINCES.getOrDefault(number.substring(3, 5), "").equals(number.substring(0, 2));
    }
}
