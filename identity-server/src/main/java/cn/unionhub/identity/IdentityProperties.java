package cn.unionhub.identity;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code unionhub.identity.*}: the people who can sign in, the token audience, where the signing
 * key is kept, and whether the demo-token shortcut exists (local run and tests only).
 *
 * @param audience        the {@code aud} of every access token
 * @param keyFile         JSON file holding the RSA signing key (created on first start); unset = a new key per start
 * @param demoTokens      whether {@code POST /demo/tokens} exists; refused in the docker and k8s profiles
 * @param accessTokenTtl  lifetime of demo tokens (registered clients configure their own)
 * @param accounts        people who can sign in
 */
@ConfigurationProperties("unionhub.identity")
public record IdentityProperties(
        @DefaultValue("unionhub") String audience,
        String keyFile,
        @DefaultValue("false") boolean demoTokens,
        @DefaultValue("30m") Duration accessTokenTtl,
        @DefaultValue List<Account> accounts) {

    /**
     * A person who can sign in.
     *
     * @param username   login name, also the token's {@code sub}
     * @param password   password (hashed at start-up; plain text here is for the demo accounts only)
     * @param name       display name
     * @param roles      role names, e.g. {@code WORKER}
     * @param enterprise unified social credit code of their enterprise, if any
     * @param district   code of their district, if any
     */
    public record Account(String username, String password, String name, List<String> roles, String enterprise,
            String district) {
    }

    public Optional<Account> account(String username) {
        return accounts.stream().filter(a -> a.username().equals(username)).findFirst();
    }
}
