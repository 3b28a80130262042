package cn.unionhub.alert;

import cn.unionhub.alert.risk.domain.CollectiveDisputeRule;
import cn.unionhub.alert.risk.domain.DecayWindow;
import cn.unionhub.alert.risk.domain.RiskModel;
import cn.unionhub.alert.risk.domain.SignalKind;
import cn.unionhub.alert.warning.domain.WarningLevel;
import java.time.Duration;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code unionhub.alerts.*}, kept in {@code alert-rules.yml}: the scoring rules as data. Enterprises'
 * industries and district names are not configured: they come from the register's events.
 *
 * @param kinds                signal kinds: weight, magnitude cap, whether a wage issue, whether other systems may report it
 * @param windows              decay windows (half-life and factor)
 * @param thresholds           score per level
 * @param hysteresis           band and time before a downgrade
 * @param collectiveDispute    distinct workers within a window that make a collective-dispute risk
 * @param explainTop           signals a warning lists by name
 * @param complaintKinds       feedback category to signal kind
 * @param defaultComplaintKind kind of complaints in other categories
 * @param signalMaxAge         oldest external signal accepted
 * @param legalHealthCheck     warnings within a period that recommend a legal health check (法治体检)
 * @param pushTo               who a new warning goes to; {@code {districtName}} (from the register) and
 *                             {@code {enterpriseName}} are filled in
 * @param reassessEvery        how often open levels are re-checked without new signals (decay, downgrades)
 * @param dailyReport          when the daily report is generated (Asia/Shanghai) and how many enterprises it ranks
 */
@ConfigurationProperties("unionhub.alerts")
public record AlertProperties(
        @DefaultValue Map<String, Kind> kinds,
        @DefaultValue List<Window> windows,
        @DefaultValue Map<WarningLevel, Double> thresholds,
        @DefaultValue Hysteresis hysteresis,
        @DefaultValue Collective collectiveDispute,
        @DefaultValue("20") int explainTop,
        @DefaultValue Map<String, String> complaintKinds,
        @DefaultValue("COMPLAINT") String defaultComplaintKind,
        @DefaultValue("365d") Duration signalMaxAge,
        @DefaultValue LegalHealthCheck legalHealthCheck,
        @DefaultValue List<String> pushTo,
        @DefaultValue("10m") Duration reassessEvery,
        @DefaultValue DailyReport dailyReport) {

    public record Kind(double weight, @DefaultValue("1000000") double maxMagnitude, @DefaultValue("false") boolean wageIssue,
            @DefaultValue("false") boolean external) {
    }

    public record Window(String name, Duration halfLife, double factor) {
    }

    public record Hysteresis(@DefaultValue("0.1") double band, @DefaultValue("72h") Duration downgradeAfter) {
    }

    /**
     * @param oneCaseWorkers   workers concerned that make one wage case collective on its own
     * @param oneCaseAmountFen wages owed (fen) that make one wage case collective on its own (default 100万元)
     */
    public record Collective(@DefaultValue("72h") Duration window, @DefaultValue("10") int minWorkers,
            @DefaultValue("RED") WarningLevel level, @DefaultValue("10") int oneCaseWorkers,
            @DefaultValue("100000000") long oneCaseAmountFen) {
    }

    public record LegalHealthCheck(@DefaultValue("3") int warnings, @DefaultValue("365d") Duration within) {
    }

    public record DailyReport(@DefaultValue("00:30") LocalTime at, @DefaultValue("10") int top) {
    }

    public RiskModel riskModel() {
        Map<String, SignalKind> signalKinds = new LinkedHashMap<>();
        kinds.forEach((name, k) -> signalKinds.put(name, new SignalKind(name, k.weight(), k.maxMagnitude(), k.wageIssue(),
                k.external())));
        return new RiskModel(signalKinds, windows.stream().map(w -> new DecayWindow(w.name(), w.halfLife(), w.factor())).toList(),
                thresholds, hysteresis.band(), hysteresis.downgradeAfter(),
                new CollectiveDisputeRule(collectiveDispute.window(), collectiveDispute.minWorkers(), collectiveDispute.level(),
                        collectiveDispute.oneCaseWorkers(), collectiveDispute.oneCaseAmountFen()),
                explainTop);
    }
}
