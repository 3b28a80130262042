package cn.unionhub.membercard.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.test.IntegrationTest;
import java.time.LocalDate;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Every replica's scheduler fires the daily reconciliation at 03:30; the journal is read and the
 * report published once a day, by the replica that takes the day.
 */
@IntegrationTest
class DailyReconciliationIT {

    @Autowired
    LedgerReconciler reconciler;
    @Autowired
    MongoTemplate mongo;

    @Test
    void theDailyRunHappensOnceADayHoweverManyReplicasFireIt() {
        // A day of its own: the real 03:30 run (19:30 UTC) may fire while the tests run and take today.
        LocalDate day = LocalDate.of(2099, 1, 1);
        long before = mongo.getCollection("ledger_reconciliations").countDocuments();

        assertThat(reconciler.dailyRunOf(day)).isTrue();
        assertThat(reconciler.dailyRunOf(day)).as("the second replica, at the same moment").isFalse();

        assertThat(mongo.getCollection("ledger_reconciliations").countDocuments()).as("one report").isEqualTo(before + 1);
        Document claim = mongo.getCollection("ledger_reconciliation_days").find(new Document("_id", "2099-01-01")).first();
        assertThat(claim).isNotNull();
        assertThat(claim.getString("by")).as("which replica took it").isNotBlank();
    }
}
