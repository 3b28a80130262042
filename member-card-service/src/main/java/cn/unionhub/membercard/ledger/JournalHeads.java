package cn.unionhub.membercard.ledger;

import cn.unionhub.membercard.ledger.domain.Journal;
import cn.unionhub.platform.concurrent.DaemonThreads;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Writes the journal's head moves every {@value #EVERY_MS} ms, and once more on the way down (while
 * the store is still connected). Under load a redemption's four head moves cost a share of one
 * command instead of four; at rest a run finds nothing to write and sends nothing.
 */
@Component
class JournalHeads implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JournalHeads.class);
    static final long EVERY_MS = 20;

    private final Journal journal;
    private volatile ScheduledExecutorService timer;

    JournalHeads(Journal journal) {
        this.journal = journal;
    }

    @Override
    public void start() {
        ScheduledExecutorService t = DaemonThreads.scheduler("journal-heads");
        t.scheduleWithFixedDelay(this::write, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
        timer = t;
    }

    private void write() {
        try {
            journal.writeHeads();
        } catch (RuntimeException e) {
            // Kept for the next run; readers find the lines after a head that lags.
            log.debug("Journal heads not written, next run: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService t = timer;
        timer = null;
        if (t != null) {
            t.shutdown();
            try {
                t.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            write();
        }
    }

    /** Stopped after the web server (which stops at a higher phase) has finished its last requests. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
