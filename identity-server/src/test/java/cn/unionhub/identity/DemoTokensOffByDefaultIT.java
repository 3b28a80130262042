package cn.unionhub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Without the local profile there is no shortcut, nobody to sign in as, and no committed secret:
 * the government client's secret must be given, or the server does not start.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // No broker here: tills sign in from the configuration only (IdentityServerIT follows identity.till-clients).
        properties = {"UNIONHUB_LABOR_INSPECTION_SECRET=an-installation-secret", "unionhub.identity.till-clients.enabled=false",
                "unionhub.identity.administrator.username=ops-admin",
                "unionhub.identity.administrator.password=" + DemoTokensOffByDefaultIT.ADMIN_PASSWORD})
class DemoTokensOffByDefaultIT {

    static final String ADMIN_PASSWORD = "correct-horse-battery-staple";

    @Value("${local.server.port}")
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.security.core.userdetails.UserDetailsService users;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.security.crypto.password.PasswordEncoder passwords;

    /** Issue #13: a new installation has exactly one person who can sign in, named by its environment. */
    @Test
    void theFirstAdministratorComesFromTheEnvironmentAndNoDemoAccountExists() {
        var admin = users.loadUserByUsername("ops-admin");
        assertThat(admin.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ADMIN");
        assertThat(passwords.matches(ADMIN_PASSWORD, admin.getPassword())).isTrue();
        assertThat(admin.getPassword()).as("kept hashed").doesNotContain(ADMIN_PASSWORD);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> users.loadUserByUsername("admin-zhou"))
                .isInstanceOf(org.springframework.security.core.userdetails.UsernameNotFoundException.class);
    }

    @Test
    void noDemoTokenEndpointUnlessTheLocalRunAsksForIt() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/demo/tokens"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"account\":\"admin-zhou\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isIn(401, 403, 404);
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void theGovernmentClientHasNoCommittedSecretOutsideTheLocalRun() throws Exception {
        String committed = java.util.Base64.getEncoder().encodeToString("labor-inspection:local-demo-secret".getBytes());
        HttpResponse<String> demoSecret = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                        .header("Authorization", "Basic " + committed)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(demoSecret.statusCode()).isEqualTo(401);

        // And with no secret configured at all, the server refuses to start rather than fall back to one.
        // (Spring would otherwise leave the unresolved placeholder text in place as the secret.)
        for (String[] properties : new String[][] {{}, {"UNIONHUB_LABOR_INSPECTION_SECRET=local-demo-secret"}}) {
            org.springframework.boot.builder.SpringApplicationBuilder unconfigured =
                    new org.springframework.boot.builder.SpringApplicationBuilder(IdentityServerApplication.class)
                            .properties("server.port=0", "spring.main.banner-mode=off", "unionhub.identity.till-clients.enabled=false")
                            .properties(properties);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> unconfigured.run().close())
                    .hasStackTraceContaining("UNIONHUB_LABOR_INSPECTION_SECRET");
        }
    }
}
