package cn.unionhub.discovery;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
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
