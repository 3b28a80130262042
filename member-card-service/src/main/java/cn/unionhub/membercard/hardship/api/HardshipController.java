package cn.unionhub.membercard.hardship.api;

import cn.unionhub.membercard.hardship.HardshipService;
import cn.unionhub.membercard.hardship.RulesInput;
import cn.unionhub.membercard.hardship.domain.Facts;
import cn.unionhub.membercard.hardship.domain.HardshipFile;
import cn.unionhub.membercard.hardship.domain.HardshipRules;
import cn.unionhub.membercard.ledger.domain.Fen;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.security.Actor;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * 特困职工证 through the API. Applications: {@code POST /api/v1/welfare/hardship/applications} (the
 * enterprise union; a district union for members of joint unions), then {@code …/{id}/verification}
 * (district union), {@code …/{id}/resubmission} (after a return), {@code …/{id}/decision} (city
 * union). Certificates: {@code GET …/certificates/{number}} for providers' windows, {@code …/revocation}
 * by the city union, {@code …/certificates/mine} for the worker. Rules: public to read, the city
 * union's to set.
 */
@RestController
class HardshipController {

    record Income(String month, BigDecimal perHeadFen) {
    }

    /** @param cause ILLNESS, SCHOOLING, DISASTER or ACCIDENT */
    record FactsInput(String onFileNumber, Boolean pairedSupport, Integer householdSize, List<Income> incomes, String cause,
            String note) {
    }

    record ApplicationRequest(String memberId, FactsInput facts) {
    }

    /** @param outcome VERIFIED or RETURNED (with a reason) */
    record VerificationRequest(String outcome, String reason) {
    }

    /** @param outcome ISSUED or REFUSED (with a reason) */
    record DecisionRequest(String outcome, String reason) {
    }

    record RevocationRequest(String reason) {
    }

    private final HardshipService hardship;
    private final HardshipView views;

    HardshipController(HardshipService hardship, HardshipView views) {
        this.hardship = hardship;
        this.views = views;
    }

    @GetMapping("/api/v1/welfare/hardship/rules")
    HardshipRules rules() {
        return hardship.rules();
    }

    @PutMapping("/api/v1/welfare/hardship/rules")
    HardshipRules setRules(@RequestBody RulesInput rules, Actor actor) {
        return hardship.setRules(rules, actor);
    }

    @PostMapping("/api/v1/welfare/hardship/applications")
    @ResponseStatus(HttpStatus.CREATED)
    HardshipView.Application apply(@RequestBody ApplicationRequest r, Actor actor) {
        HardshipFile file = hardship.apply(r.memberId(), facts(r.facts()), actor);
        return views.application(file, file.current().orElseThrow());
    }

    @GetMapping("/api/v1/welfare/hardship/applications")
    List<HardshipView.Application> queue(@RequestParam String status, @RequestParam(required = false) String district, Actor actor) {
        HardshipFile.Status wanted = choice(HardshipFile.Status.class, status, "status", "hardship-status");
        return hardship.queue(wanted, district, actor).stream().map(f -> views.application(f, f.current().orElseThrow())).toList();
    }

    @GetMapping("/api/v1/welfare/hardship/applications/{applicationId}")
    HardshipView.Application application(@PathVariable String applicationId, Actor actor) {
        return shown(applicationId, hardship.file(applicationId, actor));
    }

    @PostMapping("/api/v1/welfare/hardship/applications/{applicationId}/verification")
    HardshipView.Application verify(@PathVariable String applicationId, @RequestBody VerificationRequest r, Actor actor) {
        if (!"VERIFIED".equals(r.outcome()) && !"RETURNED".equals(r.outcome())) {
            throw invalid("outcome", "hardship-verification-outcome");
        }
        return shown(applicationId, hardship.verify(applicationId, "VERIFIED".equals(r.outcome()), r.reason(), actor));
    }

    @PostMapping("/api/v1/welfare/hardship/applications/{applicationId}/resubmission")
    HardshipView.Application resubmit(@PathVariable String applicationId, @RequestBody FactsInput r, Actor actor) {
        return shown(applicationId, hardship.resubmit(applicationId, facts(r), actor));
    }

    @PostMapping("/api/v1/welfare/hardship/applications/{applicationId}/decision")
    HardshipView.Application decide(@PathVariable String applicationId, @RequestBody DecisionRequest r, Actor actor) {
        if (!"ISSUED".equals(r.outcome()) && !"REFUSED".equals(r.outcome())) {
            throw invalid("outcome", "hardship-decision-outcome");
        }
        return shown(applicationId, hardship.decide(applicationId, "ISSUED".equals(r.outcome()), r.reason(), actor));
    }

    @GetMapping("/api/v1/welfare/hardship/certificates/mine")
    HardshipView.Mine mine(Actor actor) {
        return hardship.mine(actor).map(views::mine)
                .orElseThrow(() -> new NotFoundException("hardship-no-certificate-of-mine"));
    }

    /** A window checks the certificate shown to it: {@code ?holder=<the holder's name as on the certificate>}. */
    @GetMapping("/api/v1/welfare/hardship/certificates/{number}")
    HardshipService.CertificateCheck check(@PathVariable String number, @RequestParam(required = false) String holder, Actor actor) {
        return hardship.check(number, holder, actor);
    }

    /** A provider's window works out a concession on a bill, e.g. {@code ?holder=…&quantity=85&priceFenPerUnit=2300} for heating. */
    @GetMapping("/api/v1/welfare/hardship/certificates/{number}/concessions/{concessionId}")
    HardshipService.Quote quote(@PathVariable String number, @PathVariable String concessionId, @RequestParam(required = false) String holder,
            @RequestParam(required = false) Long quantity, @RequestParam(required = false) Long priceFenPerUnit, Actor actor) {
        return hardship.quote(number, concessionId, holder, quantity, priceFenPerUnit, actor);
    }

    @PostMapping("/api/v1/welfare/hardship/certificates/{number}/revocation")
    HardshipView.Certificate revoke(@PathVariable String number, @RequestBody RevocationRequest r, Actor actor) {
        return views.certificate(hardship.revoke(number, r.reason(), actor).certificate());
    }

    /** One application of a file, as the unions see it. */
    private HardshipView.Application shown(String applicationId, HardshipFile file) {
        return views.application(file, file.application(applicationId));
    }

    private static Facts facts(FactsInput f) {
        if (f == null) {
            throw invalid("facts", "hardship-no-ground");
        }
        List<Facts.MonthlyIncome> incomes = new java.util.ArrayList<>();
        List<FieldViolation> wrong = new java.util.ArrayList<>(); // every wrong field in one answer
        for (int n = 0; f.incomes() != null && n < f.incomes().size(); n++) {
            var i = f.incomes().get(n);
            String at = "incomes[" + n + "]"; // which month is wrong, not only that one is
            try {
                YearMonth month = YearMonth.parse(i == null || i.month() == null ? "" : i.month());
                incomes.add(new Facts.MonthlyIncome(month, i.perHeadFen() == null ? -1
                        : i.perHeadFen().signum() == 0 ? 0 : Fen.of(i.perHeadFen(), at + ".perHeadFen", "hardship-invalid-request")));
            } catch (DateTimeException bad) {
                wrong.add(new FieldViolation(at + ".month", "hardship-incomes"));
            } catch (RuleViolationException bad) {
                wrong.addAll(bad.violations());
            }
        }
        HardshipRules.Cause cause = null;
        try {
            cause = f.cause() == null || f.cause().isBlank() ? null : choice(HardshipRules.Cause.class, f.cause(), "cause", "hardship-cause");
        } catch (RuleViolationException bad) {
            wrong.addAll(bad.violations());
        }
        try {
            Facts facts = new Facts(f.onFileNumber(), Boolean.TRUE.equals(f.pairedSupport()),
                    f.householdSize() == null ? 0 : f.householdSize(), incomes, cause, f.note());
            if (wrong.isEmpty()) {
                return facts;
            }
        } catch (RuleViolationException bad) {
            // "no ground" follows from a cause or months refused above: said once, by them.
            bad.violations().stream().filter(v -> wrong.isEmpty() || !v.field().equals("grounds")).forEach(wrong::add);
        }
        throw new RuleViolationException("hardship-invalid-request", wrong);
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String field, String code) {
        try {
            return Enum.valueOf(type, value == null ? "" : value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw invalid(field, code, value);
        }
    }

    private static RuleViolationException invalid(String field, String code, Object... arguments) {
        return new RuleViolationException("hardship-invalid-request", List.of(new FieldViolation(field, code, arguments)));
    }
}
