package cn.unionhub.membercard.ledger;

import cn.unionhub.membercard.ledger.domain.Journal;
import cn.unionhub.membercard.ledger.domain.Ledger;
import cn.unionhub.membercard.ledger.store.LedgerStore;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
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
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(8, task -> {
            Thread t = new Thread(task, "ledger-fan-out-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    Ledger ledger(LedgerStore store, Clock clock, ExecutorService ledgerFanOut) {
        return new Ledger(new Journal(store, clock), store, store, clock, ledgerFanOut);
    }
}
