package cn.unionhub.cases.casework.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.random.RandomGenerator;

/** Case numbers handlers read out: {@code GD-20261121-7KQM3X} (工单, Beijing date, Crockford base32). */
public final class CaseNumbers {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneId.of("Asia/Shanghai"));

    private CaseNumbers() {
    }

    public static String next(Instant now, RandomGenerator random) {
        StringBuilder number = new StringBuilder("GD-").append(DAY.format(now)).append('-');
        for (int i = 0; i < 6; i++) {
            number.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return number.toString();
    }
}
