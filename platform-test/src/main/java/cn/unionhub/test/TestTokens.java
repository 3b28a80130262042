package cn.unionhub.test;

import cn.unionhub.security.Role;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Real RS256 tokens for tests, signed with a key made for this JVM whose public half the services
 * under test trust ({@link InfrastructureInitializer}). The builder also makes the tokens a service
 * must refuse: expired, signed by a stranger, from another issuer, for another audience, unsigned.
 */
public final class TestTokens {

    public static final String ISSUER = "https://id.test.unionhub.cn";
    public static final String AUDIENCE = "unionhub";

    private static final RSAKey KEY = generate("test-issuer");
    private static final RSAKey STRANGER = generate("stranger");
    private static volatile Path publicKeyFile;

    private TestTokens() {
    }

    public static Builder token() {
        return new Builder();
    }

    /** {@code file:} location of the trusted public key in PEM form (deleted when the JVM exits). */
    public static synchronized String publicKeyLocation() {
        if (publicKeyFile == null) {
            try {
                Path file = Files.createTempFile("unionhub-test-issuer", ".pem");
                file.toFile().deleteOnExit();
                String pem = "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEY.toRSAPublicKey().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n";
                Files.writeString(file, pem);
                publicKeyFile = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
        return "file:" + publicKeyFile;
    }

    private static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final class Builder {
        private String subject = "test-user";
        private List<String> roles = List.of();
        private String enterprise;
        private String district;
        private String organisation;
        private String phone;
        private String issuer = ISSUER;
        private String audience = AUDIENCE;
        private Instant expiresAt = Instant.now().plus(Duration.ofMinutes(10));
        private final java.util.Map<String, Object> extra = new java.util.LinkedHashMap<>();
        private RSAKey signingKey = KEY;

        public Builder subject(String value) {
            subject = value;
            return this;
        }

        public Builder roles(Role... values) {
            roles = java.util.Arrays.stream(values).map(Role::name).toList();
            return this;
        }

        public Builder enterprise(String value) {
            enterprise = value;
            return this;
        }

        public Builder district(String value) {
            district = value;
            return this;
        }

        public Builder organisation(String value) {
            organisation = value;
            return this;
        }

        /** The mobile number the sign-in verified ({@code phone_number}, {@code phone_number_verified}: true). */
        public Builder phone(String value) {
            phone = value;
            return this;
        }

        public Builder issuer(String value) {
            issuer = value;
            return this;
        }

        public Builder audience(String value) {
            audience = value;
            return this;
        }

        public Builder expiredSince(Duration ago) {
            expiresAt = Instant.now().minus(ago);
            return this;
        }

        /** Another claim, as an identity server would add it (a till's {@code till_generation}). */
        public Builder claim(String name, Object value) {
            extra.put(name, value);
            return this;
        }

        public Builder signedByStranger() {
            signingKey = STRANGER;
            return this;
        }

        private JWTClaimsSet claims() {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .jwtID(UUID.randomUUID().toString()).subject(subject).issuer(issuer).audience(audience)
                    .issueTime(Date.from(expiresAt.minus(Duration.ofMinutes(15))))
                    .notBeforeTime(Date.from(expiresAt.minus(Duration.ofMinutes(15))))
                    .expirationTime(Date.from(expiresAt)).claim("roles", roles);
            if (enterprise != null) {
                claims.claim("enterprise", enterprise);
            }
            if (district != null) {
                claims.claim("district", district);
            }
            if (phone != null) {
                claims.claim("phone_number", phone).claim("phone_number_verified", true);
            }
            if (organisation != null) {
                claims.claim("organisation", organisation);
            }
            extra.forEach(claims::claim);
            return claims.build();
        }

        public String build() {
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims());
                jwt.sign(new RSASSASigner(signingKey));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The same claims with {@code alg: none} and no signature. */
        public String unsigned() {
            return new PlainJWT(claims()).serialize();
        }
    }
}
