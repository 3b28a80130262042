package cn.unionhub.membercard.hardship.api;

import cn.unionhub.membercard.hardship.domain.Facts;
import cn.unionhub.membercard.hardship.domain.HardshipFile;
import cn.unionhub.membercard.hardship.domain.HardshipRules;
import cn.unionhub.membercard.member.domain.Member;
import cn.unionhub.membercard.member.store.Members;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.stereotype.Component;

/** How 特困职工证 files are shown: in full to the unions handling them, and without staff names to the worker. */
@Component
class HardshipView {

    record Certificate(String number, HardshipFile.CertificateStatus status, LocalDate validUntil, Instant issuedAt, int renewals,
            Instant revokedAt, String revokeReason) {
    }

    /** An application as the unions see it: the facts stated, what the rules found, and every step. */
    record Application(String id, String memberId, String memberName, String district, String enterprise, HardshipFile.Kind kind,
            HardshipFile.Status status, String reason, Facts facts, HardshipRules.Evaluation evaluation, Instant submittedAt,
            List<HardshipFile.Step> steps, Certificate certificate) {
    }

    record WorkerStep(String action, Instant at, String reason) {
    }

    record WorkerApplication(String id, HardshipFile.Kind kind, HardshipFile.Status status, String reason, Instant submittedAt,
            List<WorkerStep> steps) {
    }

    /** The worker's own: the certificate and the latest application. */
    record Mine(Certificate certificate, WorkerApplication application) {
    }

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final Members members;
    private final Clock clock;

    HardshipView(Members members, Clock clock) {
        this.members = members;
        this.clock = clock;
    }

    Application application(HardshipFile file, HardshipFile.Application a) {
        String name = members.find(file.memberId()).map(Member::name).orElse(null);
        return new Application(a.id(), file.memberId(), name, file.district(), file.enterprise(), a.kind(), a.status(), a.reason(),
                a.facts(), a.evaluation(), a.submittedAt(), a.steps(), certificate(file.certificate()));
    }

    Mine mine(HardshipFile file) {
        WorkerApplication latest = file.current().map(a -> new WorkerApplication(a.id(), a.kind(), a.status(), a.reason(),
                a.submittedAt(), a.steps().stream().map(s -> new WorkerStep(s.action(), s.at(), s.reason())).toList())).orElse(null);
        return new Mine(certificate(file.certificate()), latest);
    }

    Certificate certificate(HardshipFile.Certificate c) {
        return c == null ? null : new Certificate(c.number(), c.status(LocalDate.now(clock.withZone(SHANGHAI))), c.validUntil(),
                c.issuedAt(), c.renewals(), c.revokedAt(), c.revokeReason());
    }
}
