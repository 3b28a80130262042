package cn.unionhub.contest.certificate;

import cn.unionhub.contest.award.domain.Award;
import cn.unionhub.contest.award.domain.AwardKind;
import cn.unionhub.contest.certificate.domain.Certificate;
import cn.unionhub.contest.certificate.domain.CertificateNumber;
import cn.unionhub.contest.certificate.domain.VerificationCode;
import cn.unionhub.contest.certificate.store.Certificates;
import cn.unionhub.contest.contest.domain.Contest;
import cn.unionhub.contest.contest.store.Contests;
import cn.unionhub.contest.registration.RegistrationService;
import cn.unionhub.contest.registration.store.Registrations;
import cn.unionhub.security.Actor;
import cn.unionhub.contest.results.ResultsService;
import cn.unionhub.contest.results.domain.EventResults;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Certificates for final awards, and their public check. A title (技术能手), a prize and a finisher's
 * certificate are printed; a medal recommendation and a grade promotion are decided by others and
 * get no paper here.
 */
@Service
public class CertificateService {

    private static final Set<AwardKind> PRINTED = Set.of(AwardKind.TECHNICAL_EXPERT, AwardKind.PRIZE, AwardKind.CERTIFICATE);

    private final Certificates certificates;
    private final Contests contests;
    private final Registrations registrations;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private final RegistrationService entries;
    private final ResultsService results;

    CertificateService(Certificates certificates, Contests contests, Registrations registrations, RegistrationService entries,
            ResultsService results, Clock clock) {
        this.entries = entries;
        this.results = results;
        this.certificates = certificates;
        this.contests = contests;
        this.registrations = registrations;
        this.clock = clock;
    }

    @EventListener
    void on(ResultsService.Finalised finalised) {
        EventResults results = finalised.results();
        Contest contest = contests.byId(results.contestId()).orElseThrow().contest();
        for (Award award : results.awards().awards()) {
            if (!PRINTED.contains(award.kind()) || !certificates.claim(award.id())) {
                continue;
            }
            long sequence = certificates.next(CertificateNumber.Kind.JS + ":" + contest.tier() + ":" + contest.region().code() + ":"
                    + contest.year());
            certificates.insert(award.id(), Certificate.forAward(sequence, VerificationCode.generate(random), contest, results, award,
                    registrations.byId(award.registrationId()).orElseThrow().registration(), clock.instant()));
        }
    }

    /** The certificates of a competitor's awards, with their codes: for the competitor and the office. */
    public List<Certificate> ofRegistration(String registrationId, Actor actor) {
        Registrations.Kept kept = entries.find(registrationId, actor);
        EventResults results = this.results.published(kept.registration().eventId());
        return certificates.forAwards(results.awards().of(registrationId).stream().map(Award::id).toList());
    }

    /** The public check: a wrong code and an unknown number answer the same. */
    public Certificate.Check check(String number, String code) {
        return CertificateNumber.parse(number).flatMap(n -> certificates.byNumber(n.value())).map(c -> c.check(code))
                .orElseGet(() -> new Certificate.Check(Certificate.Outcome.NO_MATCH, null, null, null, null, null, null));
    }
}
