package cn.unionhub.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = RegistryAccess.PASSWORD + "=" + RegistryAccessTest.SECRET)
class RegistryAccessTest {

    static final String SECRET = "q7Vd2LxN9pRt4YwKs8HbZc3M";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void onlyTheRegistryPasswordReadsTheRegistryWhileProbesStayOpen() throws Exception {
        assertThat(get("/eureka/apps", "unionhub", SECRET)).isEqualTo(200);
        assertThat(get("/eureka/apps", "unionhub", SECRET + "x")).isEqualTo(401);
        assertThat(get("/eureka/apps", "someone", SECRET)).isEqualTo(401);
        assertThat(get("/eureka/apps", null, null)).isEqualTo(401);
        assertThat(get("/actuator/health", null, null)).isEqualTo(200);
    }

    /**
     * Heartbeats and registry fetches authenticate every few seconds from every process: the stored
     * secret must stay a cheap digest. A store that Spring Security may "upgrade" turned it into a
     * BCrypt hash after the first sign-in, and the registry then burned a third of a core at rest.
     */
    @Test
    void signingInRepeatedlyNeverTurnsTheSecretIntoASlowHash() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(get("/eureka/apps", "unionhub", SECRET)).isEqualTo(200);
        }
        assertThat(context.getBeansOfType(UserDetailsPasswordService.class)).isEmpty();
        String stored = context.getBean(UserDetailsService.class).loadUserByUsername("unionhub").getPassword();
        assertThat(stored).isEqualTo(RegistryAccess.SecretDigest.hex(SECRET)).doesNotStartWith("{");
    }

    private int get(String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json");
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
