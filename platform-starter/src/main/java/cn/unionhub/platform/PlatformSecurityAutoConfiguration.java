package cn.unionhub.platform;

import cn.unionhub.platform.identity.PseudonymKey;
import cn.unionhub.platform.identity.Pseudonyms;
import cn.unionhub.security.Role;
import cn.unionhub.platform.problem.Problems;
import cn.unionhub.security.AccessRules;
import cn.unionhub.security.BearerTokens;
import cn.unionhub.security.HeaderCharacters;
import jakarta.servlet.DispatcherType;
import cn.unionhub.platform.security.AccessRuleAuthorization;
import cn.unionhub.platform.security.ActorArgumentResolver;
import cn.unionhub.platform.security.Actors;
import cn.unionhub.platform.security.ProblemSecurityResponses;
import cn.unionhub.platform.web.RequestSizeLimitFilter;
import cn.unionhub.security.JwtSettings;
import cn.unionhub.security.JwtValidation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.util.unit.DataSize;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service is an OAuth2 resource server: bearer JWTs checked by {@link JwtValidation}, access
 * decided by the service's {@link AccessRules} (anything unlisted refused), 401/403 as Problems,
 * stateless, no sessions, no CSRF tokens (no cookies are ever trusted).
 */
@AutoConfiguration(before = {SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
        OAuth2ResourceServerAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
        ManagementWebSecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(JwtSettings.class)
public class PlatformSecurityAutoConfiguration {

    private static final String[] INFRASTRUCTURE = {"/actuator/health", "/actuator/health/**", "/actuator/info",
        "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/error"};

    @Bean
    JwtDecoder jwtDecoder(JwtSettings settings) {
        return JwtValidation.decoder(settings);
    }

    @Bean
    Actors actors(JwtSettings settings) {
        return new Actors(settings);
    }

    @Bean
    @ConditionalOnMissingBean
    AccessRules accessRules() {
        return AccessRules.define();
    }

    @Bean
    ProblemSecurityResponses problemSecurityResponses(Problems problems, LocaleResolver localeResolver, JsonMapper json) {
        return new ProblemSecurityResponses(problems, localeResolver, json);
    }

    /**
     * Spring Security's observations are off (management.observations.enable[spring.security],
     * unionhub-defaults.yml); without this its chain still wrapped every filter, the authentication and
     * the authorization of every request in an observation that was then a no-op (about 1.5 % of
     * member-card-service's CPU under redemptions, JFR).
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The strict firewall's header checks as a loop (see {@link HeaderCharacters}): the same characters
     * allowed, without matching every header through a Unicode regular expression each time it is read.
     */
    @Bean
    WebSecurityCustomizer headerCharacterChecks() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::allowedInName);
        firewall.setAllowedHeaderValues(HeaderCharacters::allowedInValue);
        return web -> web.httpFirewall(firewall);
    }

    @Bean
    SecurityFilterChain unionHubSecurity(HttpSecurity http, AccessRules rules, JwtSettings settings,
            ProblemSecurityResponses responses, @Value("${unionhub.clock.adjustable:false}") boolean adjustableClock) throws Exception {
        JwtAuthenticationConverter tokens = new JwtAuthenticationConverter();
        tokens.setJwtGrantedAuthoritiesConverter(jwt -> JwtValidation.authorities(jwt, settings));
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> {
                    authorize.requestMatchers(INFRASTRUCTURE).permitAll();
                    // The dispatch that completes a stream (server-sent events) after its request was authorised.
                    authorize.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll();
                    if (adjustableClock) {
                        authorize.requestMatchers("/internal/clock").hasRole(Role.ADMIN.name());
                    }
                    // The service's own rules, first match by method and path, anything unlisted refused.
                    authorize.anyRequest().access(new AccessRuleAuthorization(rules));
                })
                .oauth2ResourceServer(server -> server
                        // Spring Security's rule for the header, as a loop instead of a regular expression (BearerTokens).
                        .bearerTokenResolver(request ->
                                BearerTokens.fromAuthorizationHeader(request.getHeader(HttpHeaders.AUTHORIZATION)))
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(tokens))
                        .authenticationEntryPoint(responses)
                        .accessDeniedHandler(responses))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(responses).accessDeniedHandler(responses));
        return http.build();
    }

    @Bean
    WebMvcConfigurer actorArguments(Actors actors) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new ActorArgumentResolver(actors));
            }
        };
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
            @Value("${unionhub.web.max-request-size:1MB}") DataSize max,
            @Value("${unionhub.web.max-upload-size:64MB}") DataSize maxUpload,
            @Value("${unionhub.web.upload-paths:}") List<String> uploadPaths, Problems problems,
            LocaleResolver localeResolver, JsonMapper json) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(max, maxUpload, uploadPaths, problems, localeResolver, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Lazy: only services that pseudonymise need a key (see {@link PseudonymKey}), and they fail at start without one. */
    @Bean
    @org.springframework.context.annotation.Lazy
    Pseudonyms pseudonyms(@Value("${unionhub.security.pseudonym-key:}") String key,
            @Value("${unionhub.security.pseudonym-key-file:}") String keyFile) {
        return new Pseudonyms(PseudonymKey.resolve(key, keyFile));
    }
}
