package cn.unionhub.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The RSA key that signs every token. Kept in {@code unionhub.identity.key-file} (owner-only
 * permissions) so tokens stay valid across restarts; in Kubernetes that file is a mounted Secret.
 */
@Configuration(proxyBeanMethods = false)
class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    @Bean
    JWKSource<SecurityContext> jwkSource(IdentityProperties properties) {
        return new ImmutableJWKSet<>(new JWKSet(loadOrCreate(properties.keyFile())));
    }

    @Bean
    JwtEncoder jwtEncoder(JWKSource<SecurityContext> jwkSource) {
        return new NimbusJwtEncoder(jwkSource);
    }

    static RSAKey loadOrCreate(String keyFile) {
        try {
            if (keyFile != null && Files.exists(Path.of(keyFile))) {
                return RSAKey.parse(Files.readString(Path.of(keyFile)));
            }
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            if (keyFile != null) {
                Path file = Path.of(keyFile);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, key.toJSONString());
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                log.info("Created a new token signing key in {}", file);
            } else {
                log.warn("No unionhub.identity.key-file: tokens are signed with a key that dies with this process");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the signing key " + keyFile, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("Signing key " + keyFile + " is not a usable RSA JWK", e);
        }
    }
}
