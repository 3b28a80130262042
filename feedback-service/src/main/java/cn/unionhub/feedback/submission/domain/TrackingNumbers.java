package cn.unionhub.feedback.submission.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Tracking numbers workers read, write down and say on the phone: {@code ZGDP-20261121-7KQM3X} —
 * 职工点评, the day it was received in Beijing time, six characters of Crockford's base32 (no I, L,
 * O, U). A collision is refused by the unique index and retried with new characters.
 */
public final class TrackingNumbers {

    public static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final Pattern FORMAT = Pattern.compile("ZGDP-\\d{8}-[0-9A-HJKMNP-TV-Z]{6}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(BUSINESS_ZONE);

    private TrackingNumbers() {
    }

    public static String next(Instant now, RandomGenerator random) {
        StringBuilder number = new StringBuilder("ZGDP-").append(DAY.format(now)).append('-');
        for (int i = 0; i < 6; i++) {
            number.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return number.toString();
    }

    public static boolean isWellFormed(String trackingNumber) {
        return trackingNumber != null && FORMAT.matcher(trackingNumber).matches();
    }
}
