package cn.unionhub.membercard.card.domain;

import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.util.List;

/**
 * Member service card numbers (工会会员服务卡卡号): one unified range per region, 19 digits laid out
 * like the bank cards the service card is co-branded with:
 *
 * <pre>
 *   623091   3302   00000042   7
 *   issuer   region sequence   check
 *   (6, IIN) (4)    (8)        (1, Luhn)
 * </pre>
 *
 * <ul>
 *   <li><b>Issuer identification number</b> (6 digits): the co-branding bank's BIN, configured per
 *       region ({@code unionhub.cards.ranges}).</li>
 *   <li><b>Region</b> (4 digits): the city part of the holder's administrative division code (GB/T
 *       2260), e.g. 3302 宁波, 3702 青岛, 3601 南昌. Issuer and region form the region's fixed prefix.</li>
 *   <li><b>Sequence</b> (8 digits): drawn from one counter per prefix that only ever grows, so a
 *       number is never issued twice, not even after its card was cancelled or replaced. Numbers
 *       drawn by a request that then failed are simply skipped.</li>
 *   <li><b>Check digit: Luhn (ISO/IEC 7812-1 Annex B)</b>, not ISO 7064 MOD 11-2 as in resident ids:
 *       the cards are issued on bank card stock, terminals and bank systems check PANs with Luhn,
 *       and Luhn catches every single-digit typo and almost every swap of neighbouring digits.</li>
 * </ul>
 */
public final class CardNumbers {

    public static final int ISSUER_DIGITS = 6;
    public static final int REGION_DIGITS = 4;
    public static final int PREFIX_DIGITS = ISSUER_DIGITS + REGION_DIGITS;
    public static final int SEQUENCE_DIGITS = 8;
    public static final int LENGTH = PREFIX_DIGITS + SEQUENCE_DIGITS + 1;
    public static final long MAX_SEQUENCE = 99_999_999L;

    private static final int SHOWN_DIGITS = 4;

    private CardNumbers() {
    }

    /** The number for the {@code sequence}-th card of a prefix (issuer + region, 10 digits). */
    public static String compose(String prefix, long sequence) {
        if (prefix == null || prefix.length() != PREFIX_DIGITS || !digitsOnly(prefix)) {
            throw new IllegalArgumentException("A card number prefix has " + PREFIX_DIGITS + " digits: " + prefix);
        }
        if (sequence < 1 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("Sequence out of range: " + sequence);
        }
        String payload = prefix + String.format("%0" + SEQUENCE_DIGITS + "d", sequence);
        return payload + luhnCheckDigit(payload);
    }

    /** The Luhn check digit to append to {@code payload} (digits only). */
    public static int luhnCheckDigit(String payload) {
        int sum = 0;
        boolean doubled = true; // the rightmost payload digit is doubled once the check digit follows it
        for (int i = payload.length() - 1; i >= 0; i--) {
            int digit = digit(payload.charAt(i));
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }

    /** Whether a string of digits (of any length ≥ 2) ends in its correct Luhn check digit. */
    public static boolean luhnValid(String number) {
        if (number == null || number.length() < 2 || !digitsOnly(number)) {
            return false;
        }
        int last = number.length() - 1;
        return luhnCheckDigit(number.substring(0, last)) == digit(number.charAt(last));
    }

    /**
     * The number as typed, checked: 19 digits with a correct check digit, or a 400 problem naming
     * the field and what is wrong, before anything is looked up.
     */
    public static String requireValid(String field, String input) {
        String code = null;
        if (input == null || input.isBlank()) {
            code = "required";
        } else if (input.length() != LENGTH || !digitsOnly(input)) {
            code = "card-number-format";
        } else if (!luhnValid(input)) {
            code = "card-number-check-digit";
        }
        if (code != null) {
            throw new RuleViolationException("invalid-card-number", List.of(new FieldViolation(field, code, LENGTH)));
        }
        return input;
    }

    /** All but the first and last four digits hidden: {@code 6230***********0427}. */
    public static String mask(String number) {
        if (number.length() <= 2 * SHOWN_DIGITS) {
            return "*".repeat(number.length());
        }
        return number.substring(0, SHOWN_DIGITS) + "*".repeat(number.length() - 2 * SHOWN_DIGITS)
                + number.substring(number.length() - SHOWN_DIGITS);
    }

    public static String issuer(String number) {
        return number.substring(0, ISSUER_DIGITS);
    }

    public static String region(String number) {
        return number.substring(ISSUER_DIGITS, PREFIX_DIGITS);
    }

    public static long sequence(String number) {
        return Long.parseLong(number.substring(PREFIX_DIGITS, PREFIX_DIGITS + SEQUENCE_DIGITS));
    }

    static boolean digitsOnly(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static int digit(char c) {
        if (c < '0' || c > '9') {
            throw new IllegalArgumentException("Not a digit: " + c);
        }
        return c - '0';
    }
}
