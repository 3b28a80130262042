package cn.unionhub.membercard.hardship;

import cn.unionhub.membercard.common.StoredTime;
import cn.unionhub.membercard.hardship.domain.Facts;
import cn.unionhub.membercard.hardship.domain.HardshipFile;
import cn.unionhub.membercard.hardship.domain.HardshipRules;
import cn.unionhub.membercard.hardship.store.HardshipFiles;
import cn.unionhub.membercard.hardship.store.HardshipRuleBook;
import cn.unionhub.membercard.member.domain.Member;
import cn.unionhub.membercard.member.store.Members;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.store.Sequences;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Divisions;
import cn.unionhub.security.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * 特困职工证 (hardship-worker certificate): applications by the member's enterprise union (a district
 * union for members of joint unions), verification by the district union, the city union's decision,
 * the annual review and revocation; the rules as data; and the check a provider's window (heating,
 * water) makes when a worker shows the certificate.
 *
 * <p>Who sees what: the facts of an application (income, illness) are seen only by the unions that
 * handle it and by the worker; a provider learns whether the certificate holds, until when, the
 * concessions and the holder's name masked — nothing about why.
 */
@Service
@EnableConfigurationProperties(HardshipService.Settings.class)
public class HardshipService {

    /** The rules a new installation starts with, until the city union sets its own. */
    @ConfigurationProperties("unionhub.hardship")
    public record Settings(RulesInput defaults) {
    }

    /** What a provider's window learns of a certificate. */
    public record CertificateCheck(String number, HardshipFile.CertificateStatus status, LocalDate validUntil, String holder,
            List<HardshipRules.Concession> concessions) {
    }

    /** A concession worked out for a bill: {@code quantity} units at {@code priceFenPerUnit}. */
    public record Quote(String number, String concession, long quantity, long priceFenPerUnit, long amountFen, long discountFen,
            long payFen) {
    }

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final HardshipFiles files;
    private final HardshipRuleBook ruleBook;
    private final Members members;
    private final Sequences numbers;
    private final Clock clock;
    private final Settings settings;

    HardshipService(HardshipFiles files, HardshipRuleBook ruleBook, Members members, MongoTemplate mongo, Clock clock,
            Settings settings) {
        this.files = files;
        this.ruleBook = ruleBook;
        this.members = members;
        this.numbers = new Sequences(mongo, "hardship_counters");
        this.clock = clock;
        this.settings = settings;
    }

    public HardshipRules rules() {
        return ruleBook.current().orElseGet(() -> {
            ruleBook.start(settings.defaults().toRules(1, StoredTime.now(clock), "defaults"));
            return ruleBook.current().orElseThrow();
        });
    }

    /** The city union sets the rules: a new version, in force for what is submitted or decided from now on. */
    public HardshipRules setRules(RulesInput input, Actor actor) {
        HardshipRules current = rules();
        HardshipRules next = input.toRules(current.version() + 1, StoredTime.now(clock), actor.subject());
        if (!ruleBook.put(next)) {
            throw new ConflictException("hardship-rules-changed", current.version());
        }
        return next;
    }

    public HardshipFile apply(String memberId, Facts facts, Actor actor) {
        Member member = members.find(memberId == null ? "" : memberId).filter(m -> m.status() == Member.Status.ACTIVE)
                .filter(m -> appliesFor(actor, m.district(), m.enterprise()))
                .orElseThrow(() -> new NotFoundException("member-not-found", memberId));
        HardshipRules rules = rules();
        YearMonth month = YearMonth.now(clock.withZone(SHANGHAI));
        Facts checked = facts.checkedAt(month);
        Instant now = StoredTime.now(clock);
        return files.change(HardshipFile.open(member.id(), member.district(), member.enterprise()),
                f -> f.placedAt(member.district(), member.enterprise()).apply(checked, rules.evaluate(checked, month), rules, today(),
                        now, actor.subject()));
    }

    /** The district union's verification. */
    public HardshipFile verify(String applicationId, boolean verified, String reason, Actor actor) {
        Instant now = StoredTime.now(clock);
        return change(applicationId, actor, HardshipService::verifies, f -> f.verify(applicationId, verified, reason, now, actor.subject()));
    }

    /** The applicant's amended facts for a returned application. */
    public HardshipFile resubmit(String applicationId, Facts facts, Actor actor) {
        HardshipRules rules = rules();
        YearMonth month = YearMonth.now(clock.withZone(SHANGHAI));
        Facts checked = facts.checkedAt(month);
        Instant now = StoredTime.now(clock);
        return change(applicationId, actor, (a, f) -> appliesFor(a, f.district(), f.enterprise()),
                f -> f.resubmit(applicationId, checked, rules.evaluate(checked, month), now, actor.subject()));
    }

    /**
     * The city union's decision. A certificate number is reserved before it is written on the file, so a
     * crash in between leaves at worst an unused number, never one number on two files.
     */
    public HardshipFile decide(String applicationId, boolean issue, String reason, Actor actor) {
        HardshipRules rules = rules();
        YearMonth month = YearMonth.now(clock.withZone(SHANGHAI));
        Instant now = StoredTime.now(clock);
        LocalDate today = today();
        String[] reserved = {null};
        requireDecides(fileOf(applicationId, actor, (a, f) -> decides(a, f) || verifies(a, f)), actor);
        return change(applicationId, actor, HardshipService::decides, f -> f.decide(applicationId, issue, reason,
                rules.evaluate(f.application(applicationId).facts(), month), rules, () -> {
                    if (reserved[0] == null) {
                        reserved[0] = reserveNumber(f.memberId(), f.district(), today);
                    }
                    return reserved[0];
                }, today, now, actor.subject()));
    }

    public HardshipFile revoke(String number, String reason, Actor actor) {
        HardshipFile file = files.byCertificate(number == null ? "" : number).filter(f -> decides(actor, f) || verifies(actor, f))
                .orElseThrow(() -> new NotFoundException("hardship-certificate-not-found", number));
        requireDecides(file, actor);
        Instant now = StoredTime.now(clock);
        return files.change(file, f -> f.revoke(reason, now, actor.subject()));
    }

    public HardshipFile file(String applicationId, Actor actor) {
        HardshipFile file = fileOf(applicationId, actor, (a, f) -> appliesFor(a, f.district(), f.enterprise()));
        file.application(applicationId);
        return file;
    }

    /** A union's work list: the files whose latest application has the status, in its district (the city: any). */
    public List<HardshipFile> queue(HardshipFile.Status status, String district, Actor actor) {
        // A union's own district narrows the read; what it may see is decided file by file. A filter for another
        // district finds nothing there, as for anyone reading a list, rather than being dropped for the union's own.
        String asked = blankToNull(district);
        String area = actor.has(Role.ADMIN) || actor.seesEverything() ? null : actor.area();
        if (asked != null && area != null && !Divisions.contains(area, asked)) {
            return List.of();
        }
        String scope = asked != null ? asked : area;
        return files.withStatus(scope, status, 200).stream().map(this::placedNow)
                .filter(f -> appliesFor(actor, f.district(), f.enterprise())).toList();
    }

    /** The worker's own file (their certificate and where their application stands), if any. */
    public Optional<HardshipFile> mine(Actor actor) {
        return members.byAccount(actor.subject()).flatMap(m -> files.find(m.id()));
    }

    /**
     * A provider's window checks a certificate shown to it, with the holder's name as the certificate
     * shows it: certificate numbers follow each other (TK + district + year + sequence), so a number
     * alone would let a window walk every holder of a district. A wrong name answers as an unknown
     * number does. Union staff look certificates up by number; a district union sees its own
     * district's only.
     */
    public CertificateCheck check(String number, String holderName, Actor actor) {
        boolean staff = actor.has(Role.ADMIN) || actor.has(Role.DISTRICT_UNION);
        if (!staff && (holderName == null || holderName.isBlank())) {
            throw new RuleViolationException("hardship-invalid-request", List.of(new RuleViolationException.FieldViolation("holder",
                    "required")));
        }
        HardshipFile file = files.byCertificate(number == null ? "" : number)
                .filter(f -> !actor.has(Role.DISTRICT_UNION) || actor.has(Role.ADMIN) || actor.isUnionOver(f.district()))
                // A provider's window serves its division (its client's district claim): another city's certificate is unknown there.
                .filter(f -> !actor.has(Role.PROVIDER_WINDOW) || actor.district() == null || Divisions.contains(actor.district(), f.district()))
                .orElseThrow(() -> new NotFoundException("hardship-certificate-not-found", number));
        HardshipFile.Certificate c = file.certificate();
        Optional<String> name = members.find(file.memberId()).map(Member::name);
        if (!staff && !name.map(n -> n.equals(holderName.strip())).orElse(false)) {
            throw new NotFoundException("hardship-certificate-not-found", number);
        }
        String holder = name.map(HardshipService::masked).orElse("*");
        HardshipFile.CertificateStatus status = c.status(today());
        return new CertificateCheck(c.number(), status, c.validUntil(), holder,
                status == HardshipFile.CertificateStatus.VALID ? rules().concessions() : List.of());
    }

    /** The amount off a bill (heating: 85 m² at 23 yuan, 5 yuan off per m² → 425 yuan off) for a valid certificate. */
    public Quote quote(String number, String concessionId, String holderName, Long quantity, Long priceFenPerUnit, Actor actor) {
        CertificateCheck check = check(number, holderName, actor);
        if (check.status() != HardshipFile.CertificateStatus.VALID) {
            throw new ConflictException("hardship-certificate-not-valid", number, check.status());
        }
        HardshipRules.Concession concession = rules().concession(concessionId == null ? "" : concessionId)
                .orElseThrow(() -> new NotFoundException("hardship-concession-not-found", concessionId));
        List<RuleViolationException.FieldViolation> wrong = new java.util.ArrayList<>();
        within("quantity", quantity, 100_000, wrong);
        within("priceFenPerUnit", priceFenPerUnit, 100_000_000, wrong);
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("hardship-invalid-quote", wrong);
        }
        long amount = Math.multiplyExact(quantity, priceFenPerUnit);
        long discount = concession.discountFen(quantity, priceFenPerUnit);
        return new Quote(number, concession.id(), quantity, priceFenPerUnit, amount, discount, amount - discount);
    }

    private static void within(String field, Long value, long max, List<RuleViolationException.FieldViolation> wrong) {
        if (value == null) {
            wrong.add(new RuleViolationException.FieldViolation(field, "required"));
        } else if (value < 1 || value > max) {
            wrong.add(new RuleViolationException.FieldViolation(field, "out-of-range", 1, max));
        }
    }

    private HardshipFile change(String applicationId, Actor actor, Access access,
            Function<HardshipFile, HardshipFile.Changed> step) {
        HardshipFile file = fileOf(applicationId, actor, access);
        return files.change(file, current -> step.apply(current.placedAt(file.district(), file.enterprise())));
    }

    private HardshipFile fileOf(String applicationId, Actor actor, Access access) {
        return HardshipFile.memberOf(applicationId).flatMap(files::find).map(this::placedNow).filter(f -> access.allows(actor, f))
                .orElseThrow(() -> new NotFoundException("hardship-application-not-found", applicationId));
    }

    /** The file as its member is placed now (a transfer moves the member, not the file; the next change moves the file). */
    private HardshipFile placedNow(HardshipFile file) {
        return members.find(file.memberId()).map(m -> file.placedAt(m.district(), m.enterprise())).orElse(file);
    }

    private String reserveNumber(String memberId, String district, LocalDate today) {
        while (true) {
            String number = "TK%s%d%05d".formatted(district, today.getYear(), numbers.next(district + "-" + today.getYear()));
            if (files.reserve(number, memberId)) {
                return number;
            }
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(SHANGHAI));
    }

    @FunctionalInterface
    private interface Access {
        boolean allows(Actor actor, HardshipFile file);
    }

    /**
     * Applies for a member: a district union its district's, the offices and the city union above it theirs, an enterprise
     * union its enterprise's, the platform's administrators any.
     */
    private static boolean appliesFor(Actor actor, String district, String enterprise) {
        return actor.has(Role.ADMIN)
                || district != null && actor.isUnionOver(district)
                || actor.has(Role.ENTERPRISE_UNION) && enterprise != null && enterprise.equals(actor.enterprise());
    }

    private static boolean verifies(Actor actor, HardshipFile file) {
        return actor.has(Role.ADMIN) || actor.isUnionOver(file.district());
    }

    /**
     * Issues, refuses and revokes certificates: the city union of the member's city ("reviewed by the city union", seed
     * 000) — not the district that verified the application — and the platform's administrators. Until 2026-12-04 only the
     * administrators could, so one account decided every city's certificates.
     */
    /** The district that verified sees the file, and is told that the decision is the city union's. */
    private static void requireDecides(HardshipFile file, Actor actor) {
        if (!decides(actor, file)) {
            throw new ForbiddenException("hardship-decided-by-city-union");
        }
    }

    private static boolean decides(Actor actor, HardshipFile file) {
        return actor.has(Role.ADMIN) || actor.isCityUnion() && (actor.area() == null || Divisions.contains(actor.area(), file.district()));
    }

    /** 张三 → 张*, 欧阳娜娜 → 欧***: enough for the window to match the person in front of it. */
    static String masked(String name) {
        return name.isEmpty() ? "*" : name.substring(0, name.offsetByCodePoints(0, 1)) + "*".repeat(Math.max(1, name.codePointCount(0, name.length()) - 1));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
