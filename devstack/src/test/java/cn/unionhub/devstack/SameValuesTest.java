package cn.unionhub.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link SameValues} answers exactly as the stock {@code Utils.nullAwareEquals} it replaces on the update path. */
class SameValuesTest {

    private static final Method STOCK = stock();

    @Test
    void numbersAreEqualByValueExceptLongsADoubleCannotHold() {
        assertSame(1, 1L, true);
        assertSame(1, 1.0, true);
        assertSame(0.0, -0.0, true);
        assertSame(Double.NaN, Double.NaN, true);
        assertSame(Long.MAX_VALUE - 1, (double) (Long.MAX_VALUE - 1), false);
        assertSame(Long.MAX_VALUE - 1, Long.MAX_VALUE - 1, true);
        assertSame(1, "1", false);
    }

    @Test
    void absentAndNullAreAlikeAndDocumentsKeepTheirFieldOrder() {
        assertSame(null, Missing.getInstance(), true);
        assertSame(new Document("a", null), new Document("a", Missing.getInstance()), true);
        assertSame(new Document("a", 1).append("b", 2), new Document("b", 2).append("a", 1), false);
        assertSame(new Document("a", List.of(1, 2.0)), new Document("a", List.of(1L, 2)), true);
        assertSame(new Document("a", List.of(1, 2)), new Document("a", List.of(1)), false);
        assertSame(List.of(1), new LinkedHashSet<>(List.of(1.0)), true);
        assertSame(List.of(), new Document(), false);
    }

    /** Random nested values, and pairs that differ in one small way from each other. */
    @Test
    void randomValuesAnswerAsTheStockMethod() {
        Random random = new Random(20261203);
        for (int i = 0; i < 20_000; i++) {
            Object a = value(random, 3);
            Object b = random.nextInt(3) == 0 ? value(random, 3) : variant(random, a);
            assertSame(a, b, stockEquals(a, b));
        }
    }

    private static void assertSame(Object a, Object b, boolean expected) {
        assertThat(stockEquals(a, b)).as("stock answer for %s and %s", a, b).isEqualTo(expected);
        assertThat(SameValues.same(a, b)).as("%s and %s", a, b).isEqualTo(expected);
        assertThat(SameValues.same(b, a)).as("%s and %s", b, a).isEqualTo(expected);
    }

    private static Object value(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 12 : 9);
        return switch (kind) {
            case 0 -> null;
            case 1 -> Missing.getInstance();
            case 2 -> random.nextInt(4);
            case 3 -> (long) random.nextInt(4);
            case 4 -> random.nextInt(4) / 2.0 - (random.nextBoolean() ? 0.0 : -0.0);
            case 5 -> random.nextBoolean() ? Long.MAX_VALUE - random.nextInt(3) : Double.NaN;
            case 6 -> "s" + random.nextInt(3);
            case 7 -> random.nextBoolean();
            case 8 -> new java.util.Date(random.nextInt(3));
            case 9, 10 -> {
                Document d = new Document();
                for (int f = random.nextInt(4); f > 0; f--) {
                    d.put("f" + random.nextInt(4), value(random, depth - 1));
                }
                yield d;
            }
            default -> {
                List<Object> list = new ArrayList<>();
                for (int e = random.nextInt(4); e > 0; e--) {
                    list.add(value(random, depth - 1));
                }
                yield list;
            }
        };
    }

    /** The same value, or one changed in a single place: a number's type, a field's order, an element. */
    private static Object variant(Random random, Object a) {
        if (a instanceof Document d) {
            Document copy = new Document();
            List<String> keys = new ArrayList<>(d.keySet());
            if (random.nextInt(4) == 0) {
                java.util.Collections.reverse(keys);
            }
            for (String key : keys) {
                copy.put(key, variant(random, d.get(key)));
            }
            return copy;
        }
        if (a instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (Object element : list) {
                copy.add(variant(random, element));
            }
            if (random.nextInt(5) == 0) {
                copy.add(1);
            }
            return copy;
        }
        if (a instanceof Number n && random.nextBoolean()) {
            return switch (random.nextInt(3)) {
                case 0 -> n.doubleValue();
                case 1 -> n.longValue();
                default -> n.intValue();
            };
        }
        if (random.nextInt(6) == 0) {
            return value(random, 0);
        }
        return a;
    }

    private static boolean stockEquals(Object a, Object b) {
        try {
            return (boolean) STOCK.invoke(null, a, b);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Method stock() {
        try {
            Method method = Utils.class.getDeclaredMethod("nullAwareEquals", Object.class, Object.class);
            method.setAccessible(true);
            return method;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
