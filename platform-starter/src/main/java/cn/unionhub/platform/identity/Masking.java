package cn.unionhub.platform.identity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks personal data for responses and logs: {@code 138****5678}, {@code 3301**********1234}. */
public final class Masking {

    /** Mobile numbers and resident ids standing alone (not inside a longer run of digits). */
    private static final Pattern MOBILE_IN_TEXT = Pattern.compile("(?<![0-9])1[3-9]\\d{9}(?![0-9])");
    private static final Pattern RESIDENT_ID_IN_TEXT = Pattern.compile("(?<![0-9A-Za-z])\\d{17}[0-9Xx](?![0-9A-Za-z])");

    private Masking() {
    }

    public static String mobile(String phone) {
        if (phone == null || phone.length() < 7) {
            return phone == null ? null : "****";
        }
        return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }

    public static String residentId(String id) {
        if (id == null || id.length() < 8) {
            return id == null ? null : "****";
        }
        return id.substring(0, 4) + "*".repeat(id.length() - 8) + id.substring(id.length() - 4);
    }

    /** Masks every resident id and mobile number found in free text, e.g. a log line. */
    public static String inText(String text) {
        if (text == null || text.length() < 11) {
            return text;
        }
        String masked = replace(RESIDENT_ID_IN_TEXT.matcher(text), true);
        return replace(MOBILE_IN_TEXT.matcher(masked), false);
    }

    private static String replace(Matcher matcher, boolean residentId) {
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String found = matcher.group();
            matcher.appendReplacement(out, Matcher.quoteReplacement(residentId ? residentId(found) : mobile(found)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
