package cn.unionhub.identity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * @param accountSeries   numbered accounts alike but for their number (e.g. a dozen workers of one enterprise for
 *                        the collective-dispute scenario), so the list of people stays readable; added to {@code accounts}
 * @param administrator   the first administrator of an installation, from its environment
 *                        ({@code UNIONHUB_IDENTITY_ADMINISTRATOR_USERNAME} / {@code _PASSWORD}); added to {@code accounts}
 * @param governmentClients the machine clients that are government systems ({@code GOV_SYSTEM}, which reads the
 *                        register and cases), by client id. Listed, not inferred: a client id that names no job
 *                        gets no token at all, so a mistyped registration cannot fall into the widest machine role.
 * @param clientDistricts the division a machine client serves, by client id ({@code provider-linyi-heating: "371300"}):
 *                        its tokens carry it as {@code district}, and the services answer it for that division only (a
 *                        临沂 heating window checked 宁波's certificates). A client named here by none serves every division.
 */
@ConfigurationProperties("unionhub.identity")
public record IdentityProperties(
        @DefaultValue("unionhub") String audience,
        String keyFile,
        @DefaultValue("false") boolean demoTokens,
        @DefaultValue("30m") Duration accessTokenTtl,
        @DefaultValue List<Account> accounts,
        @DefaultValue List<AccountSeries> accountSeries,
        Administrator administrator,
        @DefaultValue("labor-inspection") List<String> governmentClients,
        @DefaultValue Map<String, String> clientDistricts) {

    public IdentityProperties {
        List<Account> all = new ArrayList<>(accounts);
        accountSeries.forEach(series -> all.addAll(series.accounts()));
        if (administrator != null && administrator.username() != null && !administrator.username().isBlank()) {
            all.add(administrator.account());
        }
        if (all.stream().map(Account::username).distinct().count() != all.size()) {
            throw new IllegalStateException("unionhub.identity: two accounts share a username");
        }
        accounts = List.copyOf(all);
        accountSeries = List.copyOf(accountSeries);
        governmentClients = List.copyOf(governmentClients);
        clientDistricts = Map.copyOf(clientDistricts);
    }

    /**
     * A person who can sign in.
     *
     * @param username   login name, also the token's {@code sub}
     * @param password   password (hashed at start-up; plain text here is for the demo accounts only)
     * @param name       display name
     * @param roles      role names, e.g. {@code WORKER}
     * @param enterprise unified social credit code of their enterprise, if any
     * @param district   code of their district, if any
     * @param organisation for staff, the organisation whose cases they work (e.g. {@code MEDIATION_ORGANISATION:330211},
     *                   {@code CITY_UNION}); enterprise and district union staff work for their enterprise's or
     *                   district's union without it
     */
    /**
     * @param phone the mobile number the sign-in verified (the mini-program's phone number from WeChat, or an SMS code at
     *              sign-in); a worker's token carries it, and linking a membership needs it to be the member's mobile on file
     */
    public record Account(String username, String password, String name, List<String> roles, String enterprise,
            String district, String organisation, String phone) {
    }

    /**
     * Accounts {@code 1…count}: {@code username} and {@code name} are {@link String#format} patterns given the number,
     * e.g. {@code worker-%02d} → {@code worker-01}.
     */
    public record AccountSeries(String username, int count, String password, String name, List<String> roles,
            String enterprise, String district, String phone) {

        List<Account> accounts() {
            List<Account> accounts = new ArrayList<>();
            for (int n = 1; n <= count; n++) {
                accounts.add(new Account(String.format(username, n), password, String.format(name, n), roles, enterprise,
                        district, null, phone == null ? null : String.format(phone, n)));
            }
            return accounts;
        }
    }

    /**
     * The person who signs in first on a new installation (then loads the register, the holiday
     * schedule and so on). The password is given either hashed in Spring Security's stored form
     * ({@code {bcrypt}$2a$…}, so the plain text never sits in the environment) or as plain text of at
     * least {@value #MIN_PASSWORD_LENGTH} characters.
     */
    public record Administrator(String username, String password) {

        static final int MIN_PASSWORD_LENGTH = 12;

        Account account() {
            if (password == null || (!isEncoded(password) && password.length() < MIN_PASSWORD_LENGTH)) {
                throw new IllegalStateException("unionhub.identity.administrator.password (UNIONHUB_IDENTITY_ADMINISTRATOR_PASSWORD):"
                        + " give a {bcrypt} hash or at least " + MIN_PASSWORD_LENGTH + " characters");
            }
            return new Account(username.trim(), password, "平台管理员", List.of("ADMIN"), null, null, null, null);
        }
    }

    /** A password already in Spring Security's stored form, e.g. {@code {bcrypt}$2a$10$…}: kept as it is. */
    static boolean isEncoded(String password) {
        return password.matches("^\\{[a-z0-9]+}.+");
    }

    public Optional<Account> account(String username) {
        return accounts.stream().filter(a -> a.username().equals(username)).findFirst();
    }
}
