package cn.unionhub.contest.certificate.domain;

import cn.unionhub.contest.contest.domain.Region;
import cn.unionhub.contest.contest.domain.Tier;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A certificate's number as printed: what it is for, who issued it, the year and a sequence —
 * {@code JS-P130000-2025-000042} is the 42nd contest certificate (技赛) of the province 130000 in 2025,
 * {@code GJ-P310000-2021-000007} the 7th craftsman certificate (工匠) of Shanghai in 2021. Readable on
 * paper and over the phone; the sequence comes from the caller's counter per kind, tier, region and
 * year, so numbers never repeat. A number is not a secret: the verification code is.
 */
public record CertificateNumber(String value) {

    private static final Pattern SHAPE = Pattern.compile("(JS|GJ)-([PCXE])(\\d{6})-(\\d{4})-(\\d{6})");
    public static final long MAX_SEQUENCE = 999_999;

    /** What a certificate is for. */
    public enum Kind {
        /** 技能竞赛: a contest award. */
        JS,
        /** 工匠: a craftsman title. */
        GJ
    }

    public CertificateNumber {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a certificate number: " + value);
        }
    }

    public static CertificateNumber of(Kind kind, Tier tier, Region region, int year, long sequence) {
        if (sequence < 1 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("certificate sequence " + sequence + " outside 1.." + MAX_SEQUENCE);
        }
        if (year < 2000 || year > 9999) {
            throw new IllegalArgumentException("year " + year);
        }
        return new CertificateNumber(String.format("%s-%s%s-%04d-%06d", kind.name(), tier.letter(), region.code(), year, sequence));
    }

    /** The number someone typed, if it is one (case and surrounding blanks forgiven). */
    public static Optional<CertificateNumber> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String clean = typed.strip().toUpperCase(java.util.Locale.ROOT);
        return SHAPE.matcher(clean).matches() ? Optional.of(new CertificateNumber(clean)) : Optional.empty();
    }

    public Kind kind() {
        return Kind.valueOf(part(1));
    }

    public String regionCode() {
        return part(3);
    }

    public int year() {
        return Integer.parseInt(part(4));
    }

    private String part(int group) {
        Matcher m = SHAPE.matcher(value);
        if (!m.matches()) {
            throw new IllegalStateException(value);
        }
        return m.group(group);
    }

    @Override
    public String toString() {
        return value;
    }
}
