package cn.unionhub.membercard.ledger;

import cn.unionhub.events.membercard.LedgerReconciled;
import cn.unionhub.membercard.ledger.domain.Account;
import cn.unionhub.membercard.ledger.domain.JournalEntry;
import cn.unionhub.membercard.ledger.domain.Reconciliation;
import cn.unionhub.membercard.ledger.store.LedgerStore;
import cn.unionhub.membercard.ledger.store.ReconciliationDocument;
import cn.unionhub.membercard.ledger.store.Reconciliations;
import cn.unionhub.platform.calendar.BusinessCalendar;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily reconciliation (03:30 Asia/Shanghai, and on demand by the city union): finishes the
 * transfers that are due, proves the invariants in one streaming pass ({@link Reconciliation}),
 * and when debits and credits do not meet — a transfer between its two legs — finishes what is due
 * again after a pause and looks once more before calling the ledger unbalanced. The report is kept
 * and published ({@code ledger-reconciled}); {@code unionhub_ledger_invariant_violations} carries the
 * latest count for the alert, {@code unionhub_ledger_reconciled_timestamp_seconds} its time.
 *
 * <p>This is the one job that reads the whole journal, by design: it is the audit. It streams in
 * key order with constant memory and runs once a day.
 */
@Component
public class LedgerReconciler {

    private static final Logger log = LoggerFactory.getLogger(LedgerReconciler.class);

    private final LedgerStore store;
    private final LedgerReminders reminders;
    private final Reconciliations reports;
    private final Clock clock;
    private final Duration secondLookAfter;
    /** Which replica this is, in the day's claim. */
    private final String instance;
    private final ReentrantLock running = new ReentrantLock();
    /**
     * How long a read of the latest report is kept. Every replica shows the latest report, and a run
     * asked of another replica (or its daily run) is only in the store: it is read again at most this
     * long after, so a fixed ledger's alert clears on every replica within a minute.
     */
    static final Duration LATEST_KEPT = Duration.ofMinutes(1);

    /** A read of the latest report (empty: there is none yet) and when it was read ({@link System#nanoTime()}). */
    private record Known(Optional<ReconciliationDocument> report, long readAt) {
    }

    /** The latest report as last read; null until read or after this instance's own run. Guarded by {@code this} for writes. */
    private volatile Known latest;
    /** This instance's runs so far: a read that began before a run finished must not be kept after it. */
    private long runs;

    LedgerReconciler(LedgerStore store, LedgerReminders reminders, Reconciliations reports, Clock clock, MeterRegistry meters,
            @Value("${unionhub.ledger.reconciliation.second-look-after:PT20S}") Duration secondLookAfter,
            @Value("${eureka.instance.instance-id:${spring.application.name}}") String instance) {
        this.store = store;
        this.reminders = reminders;
        this.reports = reports;
        this.clock = clock;
        this.secondLookAfter = secondLookAfter;
        this.instance = instance;
        Gauge.builder("unionhub_ledger_invariant_violations", this, r -> r.latest().map(d -> d.violations.size()).orElse(0))
                .description("Invariants the latest ledger reconciliation found broken (0 when clean)").register(meters);
        Gauge.builder("unionhub_ledger_reconciled_timestamp_seconds", this,
                r -> r.latest().map(d -> d.finishedAt.getEpochSecond()).orElse(0L))
                .description("When the latest ledger reconciliation finished (Unix seconds; 0 before the first)").register(meters);
    }

    /** Every replica's scheduler fires; the one that takes the day runs it ({@link Reconciliations#claimDay}). */
    @Scheduled(cron = "${unionhub.ledger.reconciliation.cron:0 30 3 * * *}", zone = "Asia/Shanghai")
    void daily() {
        dailyRunOf(LocalDate.ofInstant(clock.instant(), BusinessCalendar.BEIJING));
    }

    /** The daily run of {@code day}, if this replica takes it; whether it did. */
    boolean dailyRunOf(LocalDate day) {
        if (!reports.claimDay(day.toString(), instance, clock.instant())) {
            log.info("Ledger reconciliation of {} is another replica's", day);
            return false;
        }
        run();
        return true;
    }

    /** Runs now (one run at a time per instance) and returns the report. */
    public LedgerReconciled run() {
        running.lock();
        try {
            Instant started = clock.instant();
            long finished = reminders.wakeDue();
            Reconciliation.Report report = pass();
            if (!report.balanced()) {
                sleep(secondLookAfter);
                finished += reminders.wakeDue();
                report = pass();
            }
            report = Reconciliation.withBalance(report);
            LedgerReconciled run = new LedgerReconciled("R" + started.toEpochMilli(),
                    LocalDate.ofInstant(started, BusinessCalendar.BEIJING).toString(), report.clean(), report.accounts(),
                    report.entries(), finished, report.violations(), started, clock.instant());
            reports.save(run);
            synchronized (this) {
                runs++;
                latest = null;
            }
            if (!run.clean()) {
                log.error("Ledger reconciliation {} found {} broken invariants, first: {}", run.runId(), run.violations().size(),
                        run.violations().get(0));
            } else {
                log.info("Ledger reconciliation {}: clean ({} accounts, {} lines)", run.runId(), run.accounts(), run.entries());
            }
            return run;
        } finally {
            running.unlock();
        }
    }

    /** The latest report: read from the store at most once a {@link #LATEST_KEPT} and after each run here. */
    public Optional<ReconciliationDocument> latest() {
        Known known = latest;
        long now = System.nanoTime();
        if (known != null && now - known.readAt() < LATEST_KEPT.toNanos()) {
            return known.report();
        }
        long runsBefore;
        synchronized (this) {
            runsBefore = runs;
        }
        Optional<ReconciliationDocument> read = reports.latest();
        synchronized (this) {
            if (runs == runsBefore) {
                latest = new Known(read, now);
            }
        }
        return read;
    }

    private Reconciliation.Report pass() {
        try (Stream<Account> accounts = store.allAccounts(); Stream<JournalEntry> entries = store.allEntries()) {
            return Reconciliation.check(accounts.iterator(), entries.iterator());
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
