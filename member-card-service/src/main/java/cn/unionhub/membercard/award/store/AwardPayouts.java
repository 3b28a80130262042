package cn.unionhub.membercard.award.store;

import cn.unionhub.platform.store.DueTimers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Prize money owed ({@code award_payouts}, one per award id, inserted once), the contests' offices
 * ({@code contest_offices}: contest id → the region whose union fund pays), and the reminders that
 * try an unpaid award again (key lookups only).
 */
@Repository
public class AwardPayouts {

    /** One award's payment: DUE until PAID; UNFUNDED or MEMBER_UNKNOWN say why it waits. */
    @org.springframework.data.mongodb.core.mapping.Document("award_payouts")
    public static class Payout {
        @Id
        public String awardId;
        public String contestId;
        public String competitorIdHash;
        public long amountFen;
        public String title;
        public String status;
        public int attempt;
        public String transferId;
        public String memberId;
        public Instant dueSince;
    }

    private final MongoTemplate mongo;
    private final DueTimers retries;

    AwardPayouts(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.retries = new DueTimers(mongo, "award-payouts", Duration.ofMinutes(1), Duration.ofMinutes(10), clock);
    }

    /** Records the award's payment as owed, with a reminder set first; false if it was recorded before. */
    public boolean owe(Payout payout, Instant remindAt) {
        retries.schedule(payout.awardId, remindAt);
        try {
            mongo.insert(payout);
            return true;
        } catch (DuplicateKeyException before) {
            return false;
        }
    }

    public Optional<Payout> find(String awardId) {
        return Optional.ofNullable(mongo.findById(awardId, Payout.class));
    }

    /** Moves the payout from the attempt it was read at to its outcome; false if someone else did first. */
    public boolean record(Payout read, String status, int attempt, String transferId, String memberId) {
        Query unchanged = new Query(Criteria.where("_id").is(read.awardId).and("attempt").is(read.attempt).and("status").is(read.status));
        Update outcome = new Update().set("status", status).set("attempt", attempt).set("transferId", transferId).set("memberId", memberId);
        return mongo.updateFirst(unchanged, outcome, Payout.class).getModifiedCount() == 1;
    }

    public void retryAt(String awardId, Instant at) {
        retries.schedule(awardId, at);
    }

    public int retryDue(Instant now, Consumer<String> pay) {
        return retries.fire(now, due -> pay.accept(due.id()), null);
    }

    public void office(String contestId, String region) {
        mongo.upsert(new Query(Criteria.where("_id").is(contestId)), new Update().set("region", region), "contest_offices");
    }

    public Optional<String> regionOf(String contestId) {
        return Optional.ofNullable(mongo.findById(contestId, Document.class, "contest_offices")).map(d -> d.getString("region"));
    }
}
