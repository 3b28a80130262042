package cn.unionhub.identity;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
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
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Two filter chains: the OAuth2/OIDC protocol endpoints (token, authorize, JWKs, discovery), and
 * everything else (the sign-in form, health, and the demo shortcut when it exists).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    @Order(1)
    SecurityFilterChain protocolEndpoints(HttpSecurity http, CorsConfigurationSource appCalls, RegisteredClientRepository configured,
            TillClients tills) throws Exception {
        http.oauth2AuthorizationServer(server -> {
            server.registeredClientRepository(new TillAwareClients(configured, tills));
            http.securityMatcher(server.getEndpointsMatcher());
            server.oidc(Customizer.withDefaults());
        })
                .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                .cors(cors -> cors.configurationSource(appCalls))
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    /**
     * The H5 front-end exchanges its sign-in code for tokens (and refreshes and revokes them) with
     * script calls from its own origin, and reads the discovery document and keys the same way: a
     * browser sends those only if this server answers their CORS checks. The origins are the
     * gateway's ({@code UNIONHUB_CORS_ALLOWEDORIGINPATTERNS}). Sign-in and {@code /oauth2/authorize}
     * are page navigations, which CORS does not govern; no cookie is sent or accepted cross-origin.
     * Both chains apply it (named: by default Spring Security would take Spring MVC's CORS mappings,
     * which are empty): a preflight ({@code OPTIONS}) is not one of the protocol chain's requests.
     */
    @Bean
    CorsConfigurationSource appCalls(@Value("${unionhub.cors.allowed-origin-patterns}") List<String> origins) {
        CorsConfiguration calls = new CorsConfiguration();
        calls.setAllowedOriginPatterns(origins);
        calls.setAllowedMethods(List.of("GET", "POST"));
        calls.setAllowedHeaders(List.of("Authorization", "Content-Type"));
        calls.setAllowCredentials(false);
        calls.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        for (String path : List.of("/oauth2/token", "/oauth2/revoke", "/oauth2/jwks", "/userinfo", "/.well-known/**")) {
            source.registerCorsConfiguration(path, calls);
        }
        return source;
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http, CorsConfigurationSource appCalls) throws Exception {
        http.cors(cors -> cors.configurationSource(appCalls))
                .authorizeHttpRequests(authorize -> authorize
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
        return new TillSecrets(PasswordEncoderFactories.createDelegatingPasswordEncoder());
    }

    /** With a gauge of how many tills it knows (issued or revoked): 0 on a running installation means the feed is not read. */
    @Bean
    TillClients tillClients(io.micrometer.core.instrument.MeterRegistry meters) {
        TillClients tills = new TillClients();
        io.micrometer.core.instrument.Gauge.builder("unionhub.identity.till.clients", tills, TillClients::size)
                .description("Merchant tills this identity server knows from identity.till-clients").register(meters);
        return tills;
    }

    /** Off only where no broker is reachable on purpose (a test of something else); tills then sign in from the configuration only. */
    @Bean
    @ConditionalOnProperty(name = "unionhub.identity.till-clients.enabled", havingValue = "true", matchIfMissing = true)
    TillClientFeed tillClientFeed(KafkaProperties kafka, TillClients tills) {
        return new TillClientFeed(kafka.buildConsumerProperties(), tills);
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
