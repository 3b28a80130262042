package cn.unionhub.devstack;

import de.bwaldvogel.mongo.backend.Missing;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether two values are equal as the server compares them after an update (mongo-java-server's
 * {@code Utils.nullAwareEquals}: null and missing alike, numbers by their value as doubles unless a
 * long a double cannot hold, documents field by field in order, lists element by element), computed
 * without building the normalised copies.
 *
 * <p>Why: the stock update decides whether a write changed anything ({@code nModified}, which the
 * services' compare-and-set writes read) by normalising the whole document before and after —
 * copying every nested document and list through streams, twice per update. That and the same
 * normalisation in the query matcher were 13 % of the store's CPU under the complaint load (JFR,
 * docs/benchmarks.md "Session 28"). {@code SameValuesTest} checks this against the stock method.
 */
final class SameValues {

    private SameValues() {
    }

    static boolean same(Object a, Object b) {
        if (a == b) {
            return true;
        }
        boolean aAbsent = a == null || a instanceof Missing;
        boolean bAbsent = b == null || b instanceof Missing;
        if (aAbsent || bAbsent) {
            return aAbsent && bAbsent;
        }
        if (a instanceof Number x) {
            return b instanceof Number y && sameNumber(x, y);
        }
        if (a instanceof Map<?, ?> m) {
            return b instanceof Map<?, ?> n && sameFields(m, n);
        }
        if (a instanceof Collection<?> c) {
            return b instanceof Collection<?> d && sameElements(c, d);
        }
        // A number, document or list on b's side normalises to a Double, Document or List, which a is not.
        return !(b instanceof Number || b instanceof Map || b instanceof Collection) && a.equals(b);
    }

    /** A long a double cannot hold stays a long; any other number is compared as a double, both zeros as one. */
    private static boolean sameNumber(Number x, Number y) {
        boolean xExact = x instanceof Long l && l != (long) l.doubleValue();
        boolean yExact = y instanceof Long l && l != (long) l.doubleValue();
        if (xExact || yExact) {
            return xExact && yExact && x.equals(y);
        }
        return Double.doubleToLongBits(plusZero(x.doubleValue())) == Double.doubleToLongBits(plusZero(y.doubleValue()));
    }

    private static double plusZero(double value) {
        return value == 0.0 ? 0.0 : value;
    }

    /** The same field names in the same order, and the same values. */
    private static boolean sameFields(Map<?, ?> m, Map<?, ?> n) {
        if (m.size() != n.size()) {
            return false;
        }
        Iterator<? extends Map.Entry<?, ?>> other = n.entrySet().iterator();
        for (Map.Entry<?, ?> field : m.entrySet()) {
            Map.Entry<?, ?> theirs = other.next();
            if (!field.getKey().equals(theirs.getKey()) || !same(field.getValue(), theirs.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameElements(Collection<?> c, Collection<?> d) {
        if (c.size() != d.size()) {
            return false;
        }
        Iterator<?> other = d.iterator();
        for (Object element : c) {
            if (!same(element, other.next())) {
                return false;
            }
        }
        return true;
    }
}
