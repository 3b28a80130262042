package cn.unionhub.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the end-to-end classes: each gets a platform of its own, started like
 * {@code ./unionhub up} before its first test and stopped (with its data) after its last.
 */
abstract class PlatformTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static RunningPlatform platform;

    @BeforeAll
    static void startPlatform() {
        platform = RunningPlatform.start();
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
            platform = null;
        }
    }
}
