package cn.unionhub.contest.common.store;

import cn.unionhub.platform.store.Sequences;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The service's one counters collection: contest, registration, objection and certificate numbers, each under its own key. */
@Configuration(proxyBeanMethods = false)
class ContestCounters {

    @Bean
    Sequences counters(MongoTemplate mongo) {
        return new Sequences(mongo, "contest_counters");
    }
}
