package cn.unionhub.membercard.ledger;

import cn.unionhub.membercard.ledger.domain.Ledger;
import cn.unionhub.membercard.ledger.store.LedgerStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finishes what a crash cut off and releases expired holds: every transfer set a reminder before it
 * was stored (at acceptance + {@link Ledger#RECOVERY_DELAY}, and a hold at its expiry too). A run
 * reads only the due reminder buckets by key, so the idle cost does not grow with the journal.
 * Waking a finished transfer changes nothing, so every instance may run it.
 */
@Component
class LedgerReminders {

    private static final Logger log = LoggerFactory.getLogger(LedgerReminders.class);

    private final LedgerStore store;
    private final Ledger ledger;
    private final Clock clock;

    LedgerReminders(LedgerStore store, Ledger ledger, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** As often as the reminders' precision (five-second buckets): more often only re-read the same bucket. */
    @Scheduled(fixedDelayString = "${unionhub.ledger.reminder-interval:PT5S}", initialDelayString = "PT5S")
    void run() {
        wakeDue();
    }

    /** Wakes every due transfer; how many. */
    int wakeDue() {
        int woken = store.wakeDue(clock.instant(), ids -> ledger.wakeAll(ids,
                (id, e) -> log.warn("Ledger reminder for transfer {} failed, retried next run: {}", id, e.toString())));
        if (woken > 0) {
            log.debug("Ledger reminders: {} transfers looked at", woken);
        }
        return woken;
    }
}
