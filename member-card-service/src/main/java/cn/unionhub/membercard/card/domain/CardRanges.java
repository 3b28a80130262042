package cn.unionhub.membercard.card.domain;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The unified number range of each region: region (the city part of a district code, 4 digits) to
 * the issuer identification number of the bank the region's cards are co-branded with (6 digits).
 * A region's prefix is its issuer followed by the region itself, so two regions never share a
 * range even when they share a bank. Members of a region without a range get no card until one is
 * configured.
 */
public final class CardRanges {

    private final Map<String, String> issuerByRegion;

    public CardRanges(Map<String, String> issuerByRegion) {
        Map<String, String> checked = new TreeMap<>();
        issuerByRegion.forEach((region, issuer) -> {
            if (region == null || region.length() != CardNumbers.REGION_DIGITS || !CardNumbers.digitsOnly(region)) {
                throw new IllegalArgumentException("unionhub.cards.ranges: a region is the 4-digit city part of a district code, not '"
                        + region + "'");
            }
            if (issuer == null || issuer.length() != CardNumbers.ISSUER_DIGITS || !CardNumbers.digitsOnly(issuer)) {
                throw new IllegalArgumentException("unionhub.cards.ranges." + region + ": the issuer identification number has "
                        + CardNumbers.ISSUER_DIGITS + " digits, not '" + issuer + "'");
            }
            checked.put(region, issuer);
        });
        this.issuerByRegion = Map.copyOf(checked);
    }

    /** The region of a district code ({@code 330211} → {@code 3302}); empty for anything else. */
    public static Optional<String> regionOf(String district) {
        if (district == null || district.length() < CardNumbers.REGION_DIGITS || !CardNumbers.digitsOnly(district)) {
            return Optional.empty();
        }
        return Optional.of(district.substring(0, CardNumbers.REGION_DIGITS));
    }

    /** The 10-digit prefix of the range that cards of members in {@code district} are numbered from. */
    public Optional<String> prefixFor(String district) {
        return regionOf(district).flatMap(region -> Optional.ofNullable(issuerByRegion.get(region)).map(issuer -> issuer + region));
    }

    public Map<String, String> issuerByRegion() {
        return issuerByRegion;
    }
}
