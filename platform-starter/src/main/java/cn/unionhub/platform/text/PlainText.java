package cn.unionhub.platform.text;

/**
 * Names and one-line texts people type (an enterprise's name, a person's): no control characters (a NUL, a line break)
 * and no bidirectional formatting characters (U+202A–U+202E, U+2066–U+2069, which make a name display in another order
 * than it reads: an exploratory test registered "\u0000" and a right-to-left override as enterprise names, which flowed
 * into events, exports and every service's copy).
 */
public final class PlainText {

    private PlainText() {
    }

    /** Whether the text is one line of characters that display as they are stored; null is. */
    public static boolean isPlain(String text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069' || c == '\u200E'
                    || c == '\u200F' || c == '\uFEFF') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether nothing of the text shows: null, empty, or only white space and invisible format characters (a zero-width
     * space, a word joiner). A reason made of "\u200b\u200b" was taken as given and stored invisible.
     */
    public static boolean isBlank(String text) {
        return text == null || text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT);
    }
}
