package cn.unionhub.platform.testapp.secured;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.test.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * The docker and Kubernetes deployments set {@code MANAGEMENT_SERVER_PORT} (9090): probes and
 * metrics are served there for the kubelet and Prometheus, and the application port — the one the
 * ingress reaches on the gateway and the identity server — answers no /actuator at all.
 */
@IntegrationTest
@TestPropertySource(properties = "management.server.port=0")
class ManagementPortIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;
    @Value("${local.management.port}")
    int managementPort;

    @Test
    void metricsAndProbesAreOnTheManagementPortOnly() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(get(managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get(managementPort, "/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");

        for (String path : new String[] {"/actuator/prometheus", "/actuator/metrics", "/actuator/health"}) {
            HttpResponse<String> onTheApplicationPort = get(port, path);
            assertThat(onTheApplicationPort.statusCode()).as(path).isIn(401, 404);
            assertThat(onTheApplicationPort.body()).as(path).doesNotContain("jvm_memory");
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
