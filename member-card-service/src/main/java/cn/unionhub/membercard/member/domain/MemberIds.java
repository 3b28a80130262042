package cn.unionhub.membercard.member.domain;

import java.security.SecureRandom;

/**
 * Member ids: {@code M} and 12 characters of Crockford's base 32 (no I, L, O, U), 60 random bits —
 * unguessable, so an id in a URL or an event tells nothing about how many members there are.
 */
public final class MemberIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private MemberIds() {
    }

    public static String next() {
        long bits = RANDOM.nextLong();
        char[] id = new char[13];
        id[0] = 'M';
        for (int i = 12; i >= 1; i--) {
            id[i] = ALPHABET[(int) (bits & 31)];
            bits >>>= 5;
        }
        return new String(id);
    }
}
