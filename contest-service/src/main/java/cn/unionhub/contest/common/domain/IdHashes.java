package cn.unionhub.contest.common.domain;

import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.platform.identity.ChineseIdentifiers;
import java.util.List;
import java.util.regex.Pattern;

/**
 * People are kept by the keyed hash of their identity number, computed by the caller with the
 * installation's key ({@code Pseudonyms.of("resident-id:" + number)}, as member-card-service does),
 * never by the number: one person stays one competitor or nominee, and prize money finds the member,
 * without the number being stored here.
 */
public final class IdHashes {

    /** {@code psn_} and 32 bytes in URL-safe Base64, the shape of the starter's pseudonyms. */
    private static final Pattern KEYED_HASH = Pattern.compile("psn_[A-Za-z0-9_-]{43}");

    private IdHashes() {
    }

    public static boolean isKeyedHash(String value) {
        return value != null && KEYED_HASH.matcher(value).matches();
    }

    /** Adds a violation if {@code value} is not a keyed hash — and says so plainly if it is a clear identity number. */
    public static void check(String value, String field, List<FieldViolation> wrong) {
        if (ChineseIdentifiers.isValidResidentId(value)) {
            wrong.add(new FieldViolation(field, "clear-id-number"));
        } else if (!isKeyedHash(value)) {
            wrong.add(new FieldViolation(field, "not-a-keyed-hash"));
        }
    }
}
