package cn.unionhub.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the end-to-end classes. They share one platform, started like {@code ./unionhub up}
 * before the first class and stopped (with its data) after the last: starting eleven processes
 * on two cores takes minutes, so one per class would make the test command four times as slow.
 *
 * <p>Because the platform is shared, the classes run in the order of their {@code @Order}
 * (see {@code junit-platform.properties}): tests that need an enterprise's first warnings come
 * first, and the classes that stop processes or restart the platform come last. A test must not
 * assume that no other class submitted anything before it unless its order says so.
 */
@ExtendWith(PlatformTest.SharedPlatform.class)
abstract class PlatformTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static RunningPlatform platform;

    @BeforeAll
    static void usePlatform(RunningPlatform shared) {
        platform = shared;
    }

    /**
     * Starts the platform once per test run and keeps it in the root store, which closes it (an
     * {@link AutoCloseable}) when the run ends, after every class.
     */
    static final class SharedPlatform implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == RunningPlatform.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.create(SharedPlatform.class))
                    .computeIfAbsent(RunningPlatform.class, key -> RunningPlatform.start(), RunningPlatform.class);
        }
    }

    /**
     * A valid resident identity number (GB 11643 check character): {@code districtAndMonth} (6 + 6
     * digits), a day from {@code n}, and the 3-digit {@code sequence}.
     */
    static String residentId(String districtAndMonth, int sequence, int n) {
        String body = districtAndMonth + String.format("%02d", 1 + n % 28) + String.format("%03d", sequence);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }
}
