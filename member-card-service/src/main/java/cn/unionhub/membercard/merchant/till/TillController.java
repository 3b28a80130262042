package cn.unionhub.membercard.merchant.till;

import cn.unionhub.platform.calendar.BusinessCalendar;
import cn.unionhub.security.Actor;
import cn.unionhub.security.JwtSettings;
import java.time.OffsetDateTime;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A merchant till's sign-in credentials, for the district union that runs the merchant's district: issue (the secret is
 * in that answer only, with the client id and the token address the till uses), revoke, and read their state.
 */
@RestController
@RequestMapping("/api/v1/merchants/{merchantId}/till-credentials")
class TillController {

    /**
     * @param clientSecret only in the answer that issued it; store it in the till, it cannot be read again
     * @param tokenUrl     where the till asks for its token ({@code client_credentials}, HTTP Basic with the id and secret)
     */
    record CredentialView(String merchantId, String clientId, boolean active, long generation, OffsetDateTime changedAt,
            String revokedReason, String clientSecret, String tokenUrl) {

        static CredentialView of(TillCredential c, String secret, String tokenUrl) {
            return new CredentialView(c.merchantId(), c.clientId(), c.active(), c.generation(), BusinessCalendar.beijing(c.changedAt()),
                    c.revokedReason(), secret, tokenUrl);
        }
    }

    record Revocation(String reason) {
    }

    private final TillService tills;
    private final String tokenUrl;

    TillController(TillService tills, JwtSettings jwt) {
        this.tills = tills;
        // The issuer every service checks tokens against is the identity server the till signs in to.
        this.tokenUrl = jwt.issuer().replaceAll("/+$", "") + "/oauth2/token";
    }

    @PostMapping
    ResponseEntity<CredentialView> issue(@PathVariable String merchantId, Actor actor) {
        TillCredential.Issued issued = tills.issue(merchantId, actor);
        // A secret must not sit in a cache or a proxy's log of answers.
        return ResponseEntity.status(HttpStatus.CREATED).header("Cache-Control", "no-store")
                .body(CredentialView.of(issued.credential(), issued.secret(), tokenUrl));
    }

    @PostMapping("/revocation")
    CredentialView revoke(@PathVariable String merchantId, @RequestBody(required = false) Revocation revocation, Actor actor) {
        return CredentialView.of(tills.revoke(merchantId, revocation == null ? null : revocation.reason(), actor), null, tokenUrl);
    }

    @GetMapping
    ResponseEntity<CredentialView> status(@PathVariable String merchantId, Actor actor) {
        return tills.status(merchantId, actor).map(c -> ResponseEntity.ok(CredentialView.of(c, null, tokenUrl)))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }
}
