package cn.unionhub.discovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may use the registry: the platform's processes, with the installation's registry password
 * ({@code UNIONHUB_EUREKA_PASSWORD}, given to every process; clients put it in their
 * {@code defaultZone} URL). Without it anyone who reaches port 8761 could read every instance's
 * address or register one of their own under a service's name, and the gateway would route users'
 * requests — with their tokens — to it. Health, info and metrics stay open for probes and Prometheus.
 */
@Configuration
class RegistryAccess {

    static final String PASSWORD = "UNIONHUB_EUREKA_PASSWORD";
    static final String USER = "UNIONHUB_EUREKA_USER";
    private static final int MIN_LENGTH = 16;

    @Bean
    SecurityFilterChain registry(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                // Eureka clients are machines posting with Basic credentials, not browsers with a session.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/eureka/**"));
        return http.build();
    }

    /**
     * The one registry account. Not Spring Boot's default in-memory user: that store lets Spring
     * Security "upgrade" the password to BCrypt after the first sign-in, and every heartbeat and
     * registry fetch (two per process every five seconds) then paid for a BCrypt check — about a
     * third of a core at rest on the local run. A slow hash protects passwords people choose; this
     * one is a long random secret that every process holds in clear anyway, so a constant-time
     * comparison of digests is as safe and costs microseconds.
     */
    @Bean
    UserDetailsService registryAccount(Environment environment) {
        String name = environment.getProperty(USER, "unionhub");
        String digest = SecretDigest.hex(environment.getProperty(PASSWORD, ""));
        return username -> {
            if (!name.equals(username)) {
                throw new UsernameNotFoundException("not the registry account");
            }
            return User.withUsername(name).password(digest).roles("REGISTRY").build();
        };
    }

    @Bean
    PasswordEncoder secretDigest() {
        return new SecretDigest();
    }

    /** SHA-256 of a machine secret, compared in constant time. */
    static final class SecretDigest implements PasswordEncoder {

        @Override
        public String encode(CharSequence raw) {
            return hex(raw.toString());
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return encoded != null && MessageDigest.isEqual(
                    hex(raw.toString()).getBytes(StandardCharsets.US_ASCII), encoded.getBytes(StandardCharsets.US_ASCII));
        }

        static String hex(String secret) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
    }

    /** Refuses to start without a registry password: Spring would otherwise keep the placeholder text as the password. */
    @Bean
    InitializingBean registryPasswordIsSet(Environment environment) {
        return () -> {
            String password = environment.getProperty(PASSWORD);
            if (password == null || password.length() < MIN_LENGTH || password.contains("${")) {
                throw new IllegalStateException("Set " + PASSWORD + " (" + MIN_LENGTH + "+ random characters, the same for "
                        + "every process): the service registry does not run open");
            }
        };
    }
}
