package cn.unionhub.membercard.ledger;

import cn.unionhub.platform.concurrent.DaemonThreads;
import cn.unionhub.membercard.ledger.domain.Journal;
import cn.unionhub.membercard.ledger.domain.Ledger;
import cn.unionhub.membercard.ledger.store.LedgerStore;
import com.mongodb.event.ConnectionPoolClearedEvent;
import com.mongodb.event.ConnectionPoolListener;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    /**
     * Where a batch's credits are applied side by side: each is a few key reads and writes on its
     * own account, so the store, not the CPU, is the limit; eight at a time keep a 2,725-member grant
     * within seconds on two cores without crowding out requests.
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService ledgerFanOut() {
        return Executors.newFixedThreadPool(8, DaemonThreads.numbered("ledger-fan-out"));
    }

    /** Heads move a few milliseconds after their lines, written together ({@link JournalHeads}). */
    @Bean
    Journal journal(LedgerStore store, Clock clock, StoreReconnects reconnects) {
        Journal journal = new Journal(store, clock, true);
        reconnects.onReconnect(journal::forgetHeads);
        return journal;
    }

    @Bean
    Ledger ledger(Journal journal, LedgerStore store, Clock clock, ExecutorService ledgerFanOut) {
        return new Ledger(journal, store, store, clock, ledgerFanOut);
    }

    /**
     * Tells the journal when the driver dropped its connections to the store (the store went away,
     * or restarted): its memory of each account's last line may then be ahead of what the store
     * kept. A holder of its own, so the driver's settings need no ledger bean (that would be a cycle).
     */
    @Bean
    StoreReconnects storeReconnects() {
        return new StoreReconnects();
    }

    @Bean
    MongoClientSettingsBuilderCustomizer journalForgetsOnReconnect(StoreReconnects reconnects) {
        return settings -> settings.applyToConnectionPoolSettings(pool -> pool.addConnectionPoolListener(new ConnectionPoolListener() {
            @Override
            public void connectionPoolCleared(ConnectionPoolClearedEvent event) {
                reconnects.happened();
            }
        }));
    }

    static final class StoreReconnects {

        private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

        void onReconnect(Runnable listener) {
            listeners.add(listener);
        }

        void happened() {
            listeners.forEach(Runnable::run);
        }
    }
}
