package cn.unionhub.cases.casework;

import cn.unionhub.cases.casework.domain.CaseRules;
import cn.unionhub.cases.casework.domain.DistrictNames;
import cn.unionhub.cases.casework.domain.EnterpriseUnions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the deadline watcher every {@code unionhub.cases.watch-interval} on every instance. No
 * leader is needed: see {@link CaseService#checkDeadlines()} for why each warning and escalation
 * level is still announced exactly once.
 */
@Configuration
class DeadlineWatcher {

    private static final Logger log = LoggerFactory.getLogger(DeadlineWatcher.class);

    @Bean
    CaseRules caseRules(CaseProperties properties, DistrictNames districtNames, EnterpriseUnions unions) {
        return properties.rules(districtNames, unions);
    }

    @Bean
    @ConditionalOnProperty(name = "unionhub.cases.watcher-enabled", matchIfMissing = true)
    Watch deadlineWatch(CaseService cases) {
        return new Watch(cases);
    }

    static final class Watch {

        private final CaseService cases;

        Watch(CaseService cases) {
            this.cases = cases;
        }

        @Scheduled(fixedDelayString = "${unionhub.cases.watch-interval:PT30S}", initialDelayString = "PT5S")
        void run() {
            try {
                int checked = cases.checkDeadlines();
                if (checked > 0) {
                    log.debug("Deadline watcher looked at {} cases", checked);
                }
            } catch (RuntimeException e) {
                // The next run tries again; a failed run must not stop the schedule.
                log.warn("Deadline watcher run failed: {}", e.toString());
            }
            try {
                cases.releaseAnonymousCases(); // not held up by a failed deadline pass
            } catch (RuntimeException e) {
                log.warn("Releasing anonymous workers' cases failed, tried again next run: {}", e.toString());
            }
        }
    }
}
