package cn.unionhub.membercard.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.test.IntegrationTest;
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
        long before = mongo.getCollection("ledger_reconciliations").countDocuments();

        reconciler.daily();
        reconciler.daily(); // the second replica, at the same moment

        assertThat(mongo.getCollection("ledger_reconciliations").countDocuments()).as("one report").isEqualTo(before + 1);
        assertThat(mongo.getCollection("ledger_reconciliation_days").countDocuments()).isEqualTo(1);
        Document day = mongo.getCollection("ledger_reconciliation_days").find().first();
        assertThat(day.getString("by")).as("which replica took it").isNotBlank();
    }
}
