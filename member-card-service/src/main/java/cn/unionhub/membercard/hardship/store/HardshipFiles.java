package cn.unionhub.membercard.hardship.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import cn.unionhub.membercard.hardship.domain.Facts;
import cn.unionhub.membercard.hardship.domain.HardshipFile;
import cn.unionhub.membercard.hardship.domain.HardshipRules;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.platform.store.Filters;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * 特困职工证 files ({@code hardship_files}, one per member, written with their events in one document
 * write) and the certificate numbers ({@code hardship_certificates}, number → member), so a window
 * checking a certificate makes two key reads.
 */
@Repository
public class HardshipFiles {

    @Document("hardship_files")
    static class FileDocument {
        @Id
        String memberId;
        @Version
        Long version;
        String district;
        String enterprise;
        /** The latest application's status, for the unions' work lists. */
        String currentStatus;
        List<ApplicationDocument> applications;
        CertificateDocument certificate;
    }

    record ApplicationDocument(String id, int no, String kind, FactsDocument facts, EvaluationDocument evaluation, String status,
            String reason, Instant submittedAt, String submittedBy, List<HardshipFile.Step> steps) {
    }

    record FactsDocument(String onFileNumber, boolean pairedSupport, int householdSize, List<IncomeDocument> incomes, String cause,
            String note) {
    }

    record IncomeDocument(String month, long perHeadFen) {
    }

    record EvaluationDocument(int rulesVersion, List<String> met, List<String> unmet) {
    }

    record CertificateDocument(String number, Instant issuedAt, String validUntil, int renewals, Instant revokedAt, String revokedBy,
            String revokeReason) {
    }

    @Document("hardship_certificates")
    record NumberDocument(@Id String number, String memberId) {
    }

    private final MongoTemplate mongo;
    private final AggregateStore store;

    HardshipFiles(MongoTemplate mongo, AggregateStore store) {
        this.mongo = mongo;
        this.store = store;
    }

    public Optional<HardshipFile> find(String memberId) {
        return Optional.ofNullable(mongo.findById(memberId, FileDocument.class)).map(HardshipFiles::toDomain);
    }

    public Optional<HardshipFile> byCertificate(String number) {
        return Optional.ofNullable(mongo.findById(number, NumberDocument.class)).flatMap(n -> find(n.memberId()))
                .filter(f -> f.certificate() != null && f.certificate().number().equals(number));
    }

    /** Keeps a certificate number for the member before it is written on their file: a number is never given twice. */
    public boolean reserve(String number, String memberId) {
        try {
            mongo.insert(new NumberDocument(number, memberId));
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    /**
     * Applies a step to the member's file (creating it on the first application), with its events, retried
     * on a concurrent change.
     */
    public HardshipFile change(HardshipFile blank, Function<HardshipFile, HardshipFile.Changed> step) {
        while (true) {
            Optional<HardshipFile> changed = store.modify(FileDocument.class, blank.memberId(), current -> {
                HardshipFile.Changed c = step.apply(toDomain(current));
                FileDocument updated = toDocument(c.file());
                updated.version = current.version;
                return new AggregateStore.Change<>(updated, c.events());
            }).map(HardshipFiles::toDomain);
            if (changed.isPresent()) {
                return changed.get();
            }
            HardshipFile.Changed first = step.apply(blank);
            try {
                store.insert(toDocument(first.file()), first.events());
                return first.file();
            } catch (DuplicateKeyException concurrent) {
                // Another request created the file in between: apply the step to it.
            }
        }
    }

    /** The files of a district (all districts when null) whose latest application has the status, oldest first. */
    public List<HardshipFile> withStatus(String district, HardshipFile.Status status, int limit) {
        Query query = new Query(where("currentStatus").is(status.name()));
        if (district != null) {
            query.addCriteria(Filters.equal("district", Filters.within(district))); // a city's office: its districts
        }
        return mongo.find(query.with(Sort.by("applications.submittedAt")).limit(limit), FileDocument.class).stream()
                .map(HardshipFiles::toDomain).toList();
    }

    private static FileDocument toDocument(HardshipFile file) {
        FileDocument d = new FileDocument();
        d.memberId = file.memberId();
        d.district = file.district();
        d.enterprise = file.enterprise();
        d.currentStatus = file.current().map(a -> a.status().name()).orElse(null);
        d.applications = file.applications().stream().map(a -> new ApplicationDocument(a.id(), a.no(), a.kind().name(),
                toDocument(a.facts()), new EvaluationDocument(a.evaluation().rulesVersion(), names(a.evaluation().met()),
                        names(a.evaluation().unmet())), a.status().name(), a.reason(), a.submittedAt(), a.submittedBy(), a.steps()))
                .toList();
        HardshipFile.Certificate c = file.certificate();
        d.certificate = c == null ? null : new CertificateDocument(c.number(), c.issuedAt(), c.validUntil().toString(), c.renewals(),
                c.revokedAt(), c.revokedBy(), c.revokeReason());
        return d;
    }

    private static FactsDocument toDocument(Facts f) {
        return new FactsDocument(f.onFileNumber(), f.pairedSupport(), f.householdSize(),
                f.incomes().stream().map(i -> new IncomeDocument(i.month().toString(), i.perHeadFen())).toList(),
                f.cause() == null ? null : f.cause().name(), f.note());
    }

    private static HardshipFile toDomain(FileDocument d) {
        List<HardshipFile.Application> applications = d.applications == null ? List.of() : d.applications.stream()
                .map(a -> new HardshipFile.Application(a.id(), a.no(), HardshipFile.Kind.valueOf(a.kind()), toDomain(a.facts()),
                        new HardshipRules.Evaluation(a.evaluation().rulesVersion(), grounds(a.evaluation().met()),
                                grounds(a.evaluation().unmet())), HardshipFile.Status.valueOf(a.status()), a.reason(),
                        a.submittedAt(), a.submittedBy(), a.steps() == null ? List.of() : a.steps()))
                .toList();
        CertificateDocument c = d.certificate;
        return new HardshipFile(d.memberId, d.district, d.enterprise, applications, c == null ? null
                : new HardshipFile.Certificate(c.number(), c.issuedAt(), LocalDate.parse(c.validUntil()), c.renewals(), c.revokedAt(),
                        c.revokedBy(), c.revokeReason()));
    }

    private static Facts toDomain(FactsDocument f) {
        return new Facts(f.onFileNumber(), f.pairedSupport(), f.householdSize(),
                f.incomes() == null ? List.of() : f.incomes().stream()
                        .map(i -> new Facts.MonthlyIncome(YearMonth.parse(i.month()), i.perHeadFen())).toList(),
                f.cause() == null ? null : HardshipRules.Cause.valueOf(f.cause()), f.note());
    }

    private static List<String> names(List<HardshipRules.Ground> grounds) {
        return grounds.stream().map(Enum::name).toList();
    }

    private static List<HardshipRules.Ground> grounds(List<String> names) {
        return names == null ? List.of() : names.stream().map(HardshipRules.Ground::valueOf).toList();
    }
}
