package cn.unionhub.membercard.ledger;

import cn.unionhub.membercard.ledger.domain.Journal;
import cn.unionhub.membercard.ledger.domain.Ledger;
import cn.unionhub.membercard.ledger.store.LedgerStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    @Bean
    Ledger ledger(LedgerStore store, Clock clock) {
        return new Ledger(new Journal(store, clock), store, store, clock);
    }
}
