package cn.unionhub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class AdministratorTest {

    private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void aHashedPasswordIsKeptAsGivenSoThePlainTextNeverSitsInTheEnvironment() {
        String hash = passwords.encode("short-but-hashed");
        IdentityProperties properties = properties(new IdentityProperties.Administrator("ops-admin", hash));

        IdentityProperties.Account admin = properties.account("ops-admin").orElseThrow();
        assertThat(admin.roles()).containsExactly("ADMIN");
        assertThat(IdentityProperties.isEncoded(admin.password())).isTrue();
        assertThat(passwords.matches("short-but-hashed", admin.password())).isTrue();
    }

    @Test
    void aShortPlainPasswordOrNoneIsRefusedAtStart() {
        assertThatThrownBy(() -> properties(new IdentityProperties.Administrator("ops-admin", "admin123")))
                .hasMessageContaining("UNIONHUB_IDENTITY_ADMINISTRATOR_PASSWORD");
        assertThatThrownBy(() -> properties(new IdentityProperties.Administrator("ops-admin", null)))
                .hasMessageContaining("at least 12 characters");
    }

    @Test
    void noUsernameMeansNoAdministrator() {
        assertThat(properties(new IdentityProperties.Administrator(" ", null)).accounts()).isEmpty();
        assertThat(properties(null).accounts()).isEmpty();
    }

    private static IdentityProperties properties(IdentityProperties.Administrator administrator) {
        return new IdentityProperties("unionhub", null, false, java.time.Duration.ofMinutes(30), List.of(), List.of(), administrator, List.of("labor-inspection"), java.util.Map.of());
    }
}
