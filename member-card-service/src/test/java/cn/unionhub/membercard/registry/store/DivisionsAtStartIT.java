package cn.unionhub.membercard.registry.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.membercard.registry.domain.Organisation;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.test.IntegrationTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A start learns the divisions (the code list, and the district check of every imported row) from
 * reconciling the reference file against the register by key, not from a read of every division by
 * kind, which on the embedded store reads the whole register.
 */
@IntegrationTest
class DivisionsAtStartIT {

    @Autowired
    Organisations running;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    AggregateStore store;

    @Test
    void aRestartedInstanceKnowsEveryDivisionOnceTheReferenceFileIsReconciled() {
        List<Organisation> divisions = running.divisions();
        assertThat(divisions).as("the reference file's divisions, reconciled at this context's start").hasSizeGreaterThan(10);

        Organisations restarted = new Organisations(mongo, store); // nothing in memory, the register already full
        Organisations.Reconciled again = restarted.reconcile(divisions, Instant.now());

        assertThat(again.unchanged()).isEqualTo(divisions.size());
        assertThat(restarted.divisions()).extracting(Organisation::id)
                .containsExactlyElementsOf(divisions.stream().map(Organisation::id).toList());
    }
}
