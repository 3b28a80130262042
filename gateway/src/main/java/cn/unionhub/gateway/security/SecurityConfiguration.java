package cn.unionhub.gateway.security;

import cn.unionhub.gateway.web.ProblemResponses;
import cn.unionhub.security.BearerTokens;
import cn.unionhub.security.HeaderCharacters;
import cn.unionhub.security.JwtSettings;
import cn.unionhub.security.JwtValidation;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import reactor.core.publisher.Mono;

/**
 * The gateway checks every bearer token it sees (signature, issuer, audience, expiry) and refuses
 * a bad one with a 401 Problem before any service is called. Requests without a token pass on:
 * which endpoints are public is decided by each service's access rules, in one place, and enforced
 * there as well. Security headers go on every response.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(JwtSettings.class)
class SecurityConfiguration {

    @Bean
    ReactiveJwtDecoder jwtDecoder(JwtSettings settings) {
        return JwtValidation.reactiveDecoder(settings);
    }

    /**
     * Spring Security's observations are off (management.observations.enable[spring.security]); without
     * this its chain still wrapped every filter of every request in an observation that was then a no-op.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The strict firewall's header checks as a loop (see {@link HeaderCharacters}): the same characters
     * allowed, without matching every header of every proxied request through a Unicode regular expression.
     */
    @Bean
    ServerWebExchangeFirewall firewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::allowedInName);
        firewall.setAllowedHeaderValues(HeaderCharacters::allowedInValue);
        return firewall;
    }

    /**
     * What the firewall refuses (a path with {@code //}, {@code ;} or an encoded {@code ..}, a control character
     * in a header) is the bad-request problem like every other refusal, not an empty 400 without headers.
     */
    @Bean
    ServerExchangeRejectedHandler rejectedRequests(ProblemResponses problems) {
        return (exchange, rejected) -> problems.write(exchange, HttpStatus.BAD_REQUEST, "request-rejected");
    }

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, JwtSettings settings, ProblemResponses problems) {
        JwtAuthenticationConverter tokens = new JwtAuthenticationConverter();
        tokens.setJwtGrantedAuthoritiesConverter(jwt -> JwtValidation.authorities(jwt, settings));
        ServerAuthenticationEntryPoint unauthorized = (exchange, failure) -> {
            boolean badToken = failure instanceof OAuth2AuthenticationException;
            exchange.getResponse().getHeaders().set("WWW-Authenticate",
                    badToken ? "Bearer error=\"invalid_token\"" : "Bearer");
            return problems.write(exchange, HttpStatus.UNAUTHORIZED, badToken ? "invalid-token" : "unauthorized");
        };
        return http
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // No saved requests to replay after a sign-in (the gateway has none). The default cache
                // asked for the web session on every request, and creating one hops threads twice
                // (InMemoryWebSessionStore generates its id on boundedElastic, then publishes on
                // parallel): JFR showed security's matchers and the route lookup running on the
                // parallel scheduler after that hop, for every proxied request.
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/api/v1/me").authenticated()
                        .anyExchange().permitAll())
                .oauth2ResourceServer(server -> server
                        // Spring Security's rule for the header, as a loop instead of a regular expression (BearerTokens);
                        // a malformed header is an error of the Mono, answered 401 invalid_token as before.
                        .bearerTokenConverter(exchange -> Mono
                                .fromCallable(() -> BearerTokens.fromAuthorizationHeader(
                                        exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION)))
                                .map(BearerTokenAuthenticationToken::new))
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(tokens)))
                        .authenticationEntryPoint(unauthorized))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler((exchange, denied) -> problems.write(exchange, HttpStatus.FORBIDDEN, "forbidden")))
                .headers(headers -> headers
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER))
                        .hsts(hsts -> hsts.maxAge(java.time.Duration.ofDays(365)).includeSubdomains(true)))
                .build();
    }

    /** Present so the reactive chain above is the only one; the gateway has no users of its own. */
    @Bean
    org.springframework.security.core.userdetails.ReactiveUserDetailsService noUsers() {
        return username -> Mono.empty();
    }
}
