package cn.unionhub.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.BackOffExecution;

class StoreOutagesTest {

    @Test
    void anOutageDeepInTheCauseChainIsRetriedWithoutALimitAndOtherFailuresAreNot() {
        Exception outage = new ListenerExecutionFailedException("listener failed",
                new IllegalStateException("applying the event", new DataAccessResourceFailureException("Timed out after 2000 ms")));
        assertThat(StoreOutages.isOutage(outage)).isTrue();
        assertThat(StoreOutages.isOutage(new ListenerExecutionFailedException("x", new DuplicateKeyException("dup")))).isFalse();
        assertThat(StoreOutages.isOutage(new IllegalArgumentException("bad record"))).isFalse();

        BackOffExecution execution = StoreOutages.untilTheStoreIsBack(Duration.ofSeconds(5)).start();
        for (int attempt = 0; attempt < 10_000; attempt++) {
            assertThat(execution.nextBackOff()).isEqualTo(5_000L);
        }
    }
}
