package cn.unionhub.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JVM options and ports as ./unionhub reads them from the environment. */
class StackConfigTest {

    private static final Path REPO = Path.of("/repo");

    @Test
    void theBusyProcessesKeepTheFullJitAndTheQuietOnesStartQuickly() {
        StackConfig config = StackConfig.fromEnvironment(REPO, Map.of());
        for (String busy : new String[] {Component.GATEWAY, "feedback-service", "case-service", "alert-service",
                "member-card-service"}) {
            assertThat(config.javaOptionsFor(busy)).as(busy).doesNotContain("TieredStopAtLevel");
        }
        assertThat(config.javaOptionsFor("station-service")).contains("-XX:TieredStopAtLevel=1");
        assertThat(config.javaOptionsFor("identity-server")).contains("-XX:TieredStopAtLevel=1");
        assertThat(config.javaOptionsFor("contest-service")).as("room for the ledgers it ranks").contains("-Xmx384m")
                .contains("-XX:TieredStopAtLevel=1");
    }

    @Test
    void optionsSetByTheUserApplyToEveryProcess() {
        StackConfig config = StackConfig.fromEnvironment(REPO, Map.of("UNIONHUB_JAVA_OPTS", "-Xmx1g"));
        assertThat(config.javaOptionsFor(Component.GATEWAY)).isEqualTo("-Xmx1g");
        assertThat(config.javaOptionsFor("case-service")).isEqualTo("-Xmx1g");
        assertThat(config.javaOptionsFor("contest-service")).isEqualTo("-Xmx1g");
    }

    @Test
    void springProcessesListenOnLoopbackUnlessAskedOtherwise() {
        assertThat(StackConfig.fromEnvironment(REPO, Map.of()).extraArguments())
                .containsEntry(Component.IDENTITY, java.util.List.of("--server.address=127.0.0.1"))
                .containsEntry(Component.GATEWAY, java.util.List.of("--server.address=127.0.0.1"))
                .doesNotContainKey(Component.KAFKA);
        assertThat(StackConfig.fromEnvironment(REPO, Map.of("UNIONHUB_BIND_ADDRESS", "0.0.0.0")).extraArguments())
                .containsEntry(Component.GATEWAY, java.util.List.of("--server.address=0.0.0.0"));
    }

    @Test
    void aPortThatIsNotOneIsRefusedWithItsName() {
        assertThatThrownBy(() -> StackConfig.fromEnvironment(REPO, Map.of("UNIONHUB_GATEWAY_PORT", "80800")))
                .hasMessageContaining("UNIONHUB_GATEWAY_PORT=80800");
    }
}
