package cn.unionhub.membercard.ledger.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.LocalDate;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * What one person booked alone from one settlement account on one Beijing day ({@code settlement_single_handed}, keyed
 * {@code <account>|<person>|<day>}): below the two-person limit one entry at a time, a clerk booked 2,000,000 yuan alone
 * in two entries of the limit each (exploratory test, 2026-12-04). One document read and written by key per booking.
 */
@Repository
public class SingleHandedBookings {

    private static final String COLLECTION = "settlement_single_handed";

    private final MongoTemplate mongo;

    SingleHandedBookings(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Adds {@code fen} to the person's day unless that takes it above {@code limitFen}; false (nothing added) if it would. */
    public boolean reserve(String account, String person, LocalDate day, long fen, long limitFen) {
        String id = account + "|" + person + "|" + day;
        try {
            // Matches only while the sum leaves room; no match inserts the first booking of the day, or (the document is
            // there but full) fails on its key: over the limit.
            Document after = mongo.findAndModify(new Query(where("_id").is(id).and("fen").lte(limitFen - fen)),
                    new Update().inc("fen", fen), FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class,
                    COLLECTION);
            return after != null;
        } catch (DuplicateKeyException full) {
            return false;
        }
    }

    /** Gives back what a refused booking had reserved. */
    public void release(String account, String person, LocalDate day, long fen) {
        mongo.updateFirst(new Query(where("_id").is(account + "|" + person + "|" + day)), new Update().inc("fen", -fen), COLLECTION);
    }
}
