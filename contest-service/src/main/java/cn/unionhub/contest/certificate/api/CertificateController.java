package cn.unionhub.contest.certificate.api;

import cn.unionhub.contest.certificate.CertificateService;
import cn.unionhub.contest.certificate.domain.Certificate;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.security.Actor;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Anyone holding a certificate checks it here, without signing in: its number and verification code. */
@RestController
class CertificateController {

    private final CertificateService certificates;

    CertificateController(CertificateService certificates) {
        this.certificates = certificates;
    }

    record CheckView(String outcome, String number, String holderName, String title, String issuedFor, Instant issuedAt,
            Instant revokedAt) {
    }

    record CertificateView(String number, String code, String holderName, String title, String issuedFor, Instant issuedAt) {
    }

    /** The competitor's own certificates, with the verification codes printed on them. */
    @GetMapping("/api/v1/contests/registrations/{id}/certificates")
    List<CertificateView> ofRegistration(@PathVariable String id, Actor actor) {
        return certificates.ofRegistration(id, actor).stream().map(c -> new CertificateView(c.number().value(), c.code(),
                c.holderName(), c.title(), c.issuedFor(), c.issuedAt())).toList();
    }

    /** 200 for a match (VALID or REVOKED); 404 alike for an unknown number and a wrong code. */
    @GetMapping("/api/v1/contests/certificates/{number}")
    CheckView check(@PathVariable String number, @RequestParam(required = false) String code) {
        Certificate.Check c = certificates.check(number, code);
        if (c.outcome() == Certificate.Outcome.NO_MATCH) {
            throw new NotFoundException("certificate-not-found");
        }
        return new CheckView(c.outcome().name(), c.number(), c.holderName(), c.title(), c.issuedFor(), c.issuedAt(), c.revokedAt());
    }
}
