package cn.unionhub.identity;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Two filter chains: the OAuth2/OIDC protocol endpoints (token, authorize, JWKs, discovery), and
 * everything else (the sign-in form, health, and the demo shortcut when it exists).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    @Order(1)
    SecurityFilterChain protocolEndpoints(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.oidc(Customizer.withDefaults());
        })
                .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                                "/demo/**", "/error").permitAll()
                        .anyRequest().authenticated())
                // The demo endpoints take JSON from scripts and tests; no browser session is involved.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/demo/**"))
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(IdentityProperties properties, PasswordEncoder passwords) {
        // One hash per distinct password: the local run's few hundred demo accounts share one, and a
        // bcrypt hash each took 40 s of the identity server's start (which every service waits for).
        // The hashes live in this process's memory only.
        java.util.Map<String, String> hashed = new java.util.HashMap<>();
        List<UserDetails> users = properties.accounts().stream()
                .map(account -> User.withUsername(account.username())
                        .password(IdentityProperties.isEncoded(account.password())
                                ? account.password() : hashed.computeIfAbsent(account.password(), passwords::encode))
                        .roles(account.roles().toArray(String[]::new))
                        .build())
                .toList();
        if (users.isEmpty()) {
            log.warn("No one can sign in: set UNIONHUB_IDENTITY_ADMINISTRATOR_USERNAME and _PASSWORD for the first administrator");
        }
        return new InMemoryUserDetailsManager(users);
    }
}
