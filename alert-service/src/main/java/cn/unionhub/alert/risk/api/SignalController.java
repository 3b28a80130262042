package cn.unionhub.alert.risk.api;

import cn.unionhub.alert.AlertProperties;
import cn.unionhub.alert.risk.RiskService;
import cn.unionhub.alert.risk.domain.ExternalSignals;
import cn.unionhub.alert.risk.domain.Signal;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signals from other systems (GOV_SYSTEM clients): a batch of up to {@value #MAX_BATCH}. A batch
 * with any bad signal is refused whole, every bad field listed, so nothing is half-applied.
 */
@RestController
@RequestMapping("/api/v1/alerts/signals")
class SignalController {

    static final int MAX_BATCH = 500;

    record SignalRequest(String enterprise, String enterpriseName, String district, String industry, String kind,
            Double magnitude, Instant occurredAt, String source, String reference, Long amountFen) {
    }

    record BatchRequest(List<SignalRequest> signals) {
    }

    /**
     * @param accepted   how many signals of the batch were new
     * @param signalIds  each signal's id, in the batch's order (a signal's identity: source, reference, kind)
     * @param duplicates the ids already received, before or earlier in this batch: applied once, not counted again
     * @param alreadyHandled the new signals dated no later than their enterprise's last closed warning: that closure
     *                   handled what they report, so they are kept and count for nothing
     */
    record Accepted(int accepted, List<String> signalIds, List<String> duplicates, List<String> alreadyHandled) {
    }

    private final RiskService risk;
    private final ExternalSignals rules;
    private final Clock clock;
    private final cn.unionhub.alert.registry.domain.DistrictNames districts;

    SignalController(RiskService risk, AlertProperties properties, Clock clock,
            cn.unionhub.alert.registry.domain.DistrictNames districts) {
        this.districts = districts;
        this.risk = risk;
        this.rules = new ExternalSignals(risk.model(), properties.signalMaxAge());
        this.clock = clock;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    Accepted report(@RequestBody BatchRequest request) {
        if (request.signals() == null || request.signals().isEmpty()) {
            throw new RuleViolationException("invalid-signals", List.of(new FieldViolation("signals", "required")));
        }
        if (request.signals().size() > MAX_BATCH) {
            throw new RuleViolationException("invalid-signals", List.of(new FieldViolation("signals", "too-many", MAX_BATCH)));
        }
        Instant now = clock.instant();
        List<FieldViolation> violations = new ArrayList<>();
        List<ExternalSignals.Report> reports = new ArrayList<>();
        for (int i = 0; i < request.signals().size(); i++) {
            SignalRequest s = request.signals().get(i);
            if (s == null) {
                violations.add(new FieldViolation("signals[" + i + "]", "required"));
                continue;
            }
            ExternalSignals.Report report = new ExternalSignals.Report(s.enterprise(), s.enterpriseName(), s.district(),
                    s.industry(), s.kind(), s.magnitude(), s.occurredAt(), s.source(), s.reference(), s.amountFen());
            violations.addAll(rules.violations(report, "signals[" + i + "].", now));
            if (s.district() != null && s.district().matches("[0-9]{6}") && districts.nameOf(s.district()) == null
                    && districts.nameOf(s.district().substring(0, 4) + "00") != null) {
                // A district the register does not have in a city it does (330299): its warning reached no union.
                violations.add(new FieldViolation("signals[" + i + "].district", "unknown-district", s.district()));
            }
            reports.add(report);
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException("invalid-signals", violations);
        }
        List<String> ids = new ArrayList<>();
        Map<String, Signal> distinct = new LinkedHashMap<>();
        for (ExternalSignals.Report report : reports) {
            Signal signal = ExternalSignals.toSignal(report);
            ids.add(signal.id());
            distinct.putIfAbsent(signal.id(), signal);
        }
        RiskService.Reported reported = risk.recordReported(List.copyOf(distinct.values()));
        Set<String> fresh = new HashSet<>();
        reported.fresh().forEach(s -> fresh.add(s.id()));
        Set<String> counted = new HashSet<>();
        List<String> duplicates = ids.stream().filter(id -> !fresh.contains(id) || !counted.add(id)).toList();
        return new Accepted(fresh.size(), ids, duplicates, reported.alreadyHandled().stream().map(Signal::id).toList());
    }
}
