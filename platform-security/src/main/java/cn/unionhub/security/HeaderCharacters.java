package cn.unionhub.security;

/**
 * The characters Spring Security's strict firewalls (servlet and reactive) allow in header names and
 * values, checked with a loop instead of their regular expressions. Their defaults are
 * {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} for names and
 * {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*} for values, matched against a header each time
 * the application reads it. A bearer token is most of a kilobyte, and matching it code point by
 * code point through the pattern's Unicode property checks was about 4 % of feedback-service's CPU
 * under complaints (JFR, {@code StrictHttpFirewall}); the gateway paid the same on every proxied
 * request. The rule is unchanged: every code point assigned, none a control character (a tab
 * allowed in values). ASCII, nearly every header, is decided without a Unicode table. An absent
 * header ({@code null}) passes, as it does with the firewalls' own predicates.
 */
public final class HeaderCharacters {

    private HeaderCharacters() {
    }

    /** What {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} matches. */
    public static boolean allowedInName(String name) {
        return allowed(name, false);
    }

    /** What {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*} matches. */
    public static boolean allowedInValue(String value) {
        return allowed(value, true);
    }

    private static boolean allowed(String s, boolean tab) {
        if (s == null) {
            return true; // an absent header (the reactive firewall asks about those too)
        }
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c < 0x80) {
                // Every ASCII character is assigned; its control characters are 0–31 and 127.
                if (c < 0x20 ? !(tab && c == '\t') : c == 0x7f) {
                    return false;
                }
                i++;
                continue;
            }
            int codePoint = s.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || type == Character.CONTROL) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
