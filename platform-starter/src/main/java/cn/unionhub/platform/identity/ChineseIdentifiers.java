package cn.unionhub.platform.identity;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * Check-digit validation of Chinese identifiers: resident identity numbers (GB 11643-1999),
 * unified social credit codes of organisations (GB 32100-2015) and mainland mobile numbers.
 */
public final class ChineseIdentifiers {

    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK = "10X98765432";
    private static final Pattern ID_SHAPE = Pattern.compile("\\d{17}[0-9X]");

    /** GB 32100 alphabet: digits and capitals without I, O, S, V, Z. */
    private static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] USCC_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    /** An area code (010, 0574) and a seven- or eight-digit number, with or without the dash between. */
    private static final Pattern LANDLINE = Pattern.compile("0\\d{2,3}-?\\d{7,8}");

    private ChineseIdentifiers() {
    }

    /** An 18-character resident identity number with a real birth date and a correct check character. */
    public static boolean isValidResidentId(String id) {
        if (id == null || !ID_SHAPE.matcher(id).matches()) {
            return false;
        }
        try {
            LocalDate birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)),
                    Integer.parseInt(id.substring(10, 12)), Integer.parseInt(id.substring(12, 14)));
            if (birth.getYear() < 1900 || birth.isAfter(LocalDate.now())) {
                return false;
            }
        } catch (DateTimeException e) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return id.charAt(17) == ID_CHECK.charAt(sum % 11);
    }

    /** An 18-character unified social credit code (统一社会信用代码) with a correct check character. */
    public static boolean isValidUscc(String code) {
        if (code == null || code.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = USCC_CHARS.indexOf(code.charAt(i));
            if (value < 0) {
                return false;
            }
            sum += value * USCC_WEIGHTS[i];
        }
        int check = (31 - sum % 31) % 31;
        return code.charAt(17) == USCC_CHARS.charAt(check);
    }

    /** The check character a 17-character USCC prefix needs; for fixtures and data generators. */
    public static char usccCheckCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += USCC_CHARS.indexOf(first17.charAt(i)) * USCC_WEIGHTS[i];
        }
        return USCC_CHARS.charAt((31 - sum % 31) % 31);
    }

    /** The check character a 17-digit resident id prefix needs; for fixtures and data generators. */
    public static char residentIdCheckCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return ID_CHECK.charAt(sum % 11);
    }

    public static boolean isValidMobile(String phone) {
        return phone != null && MOBILE.matcher(phone).matches();
    }

    /** A landline with its area code as written: {@code 0574-86881234}, {@code 01012345678}. */
    public static boolean isValidLandline(String phone) {
        return phone != null && LANDLINE.matcher(phone).matches();
    }

    /**
     * A mainland mobile number as people write it — {@code +86 139 1234 5678}, {@code 0086-13912345678},
     * {@code 139-1234-5678} — in its eleven digits; null when it is none.
     */
    public static String normalMobile(String phone) {
        if (phone == null) {
            return null;
        }
        // As a Chinese keyboard types it too: full-width ＋ and digits, brackets and dashes.
        StringBuilder ascii = new StringBuilder(phone.length());
        phone.codePoints().forEach(c -> ascii.appendCodePoint(c >= 0xFF01 && c <= 0xFF5E ? c - 0xFEE0 : c == 0x3000 ? ' ' : c));
        String digits = ascii.toString().replaceAll("[\\s\\-()]", "");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        } else if (digits.length() == 13 && digits.startsWith("86")) {
            digits = digits.substring(2);
        }
        return isValidMobile(digits) ? digits : null;
    }
}
