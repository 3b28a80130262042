package cn.unionhub.platform.store;

import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.security.Divisions;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The queries every work queue and ledger is made of: optional equality filters (a request that
 * leaves a filter out means "any") and one page, newest first.
 */
public final class Filters {

    private Filters() {
    }

    /**
     * Criteria matching each field equal to its value, leaving out fields whose value is
     * {@code null}; enums are matched by name, as they are stored.
     *
     * @param fieldsAndValues field, value, field, value, …
     */
    public static Criteria equal(Object... fieldsAndValues) {
        if (fieldsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("fields and values come in pairs");
        }
        Criteria criteria = new Criteria();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            Object value = fieldsAndValues[i + 1];
            if (value instanceof Within within) {
                within.addTo(criteria, (String) fieldsAndValues[i]);
            } else if (value != null) {
                criteria.and((String) fieldsAndValues[i]).is(value instanceof Enum<?> e ? e.name() : value);
            }
        }
        return criteria;
    }

    /**
     * A value for {@link #equal} matching a division code field that lies in {@code division}: the district itself,
     * or every district of a city or province ({@link Divisions#contains}) — the scope of the staff over them
     * ({@code Actor.Scope#division}). {@code null} for a null division, so the field is left out like any other.
     */
    public static Within within(String division) {
        return division == null ? null : new Within(division);
    }

    /** See {@link #within}. */
    public record Within(String division) {

        void addTo(Criteria criteria, String field) {
            if (Divisions.isAboveCounty(division)) {
                criteria.and(field).regex("^" + Divisions.prefixOf(division)); // digits only; anchored, so an index serves it
            } else {
                criteria.and(field).is(division); // a county, or no code at all: itself only
            }
        }
    }

    /** Page {@code page} (from 0) of {@code size}, newest first by {@code timeField}. */
    public static Query newestFirst(Criteria criteria, String timeField, int page, int size) {
        return page(new Query(criteria).with(Sort.by(Sort.Direction.DESC, timeField)), page, size);
    }

    /**
     * How deep a list may be paged: a million documents is no person paging but a crawl (filters narrow a list,
     * exports stream it), and a store's skip is a 32-bit number — {@code ?page=42949673} had made it negative and
     * answered 500.
     */
    public static final long MAX_OFFSET = 1_000_000;

    /**
     * {@code query} limited to page {@code page} (from 0) of {@code size}; 400 {@code invalid-page} for a negative page or
     * one beyond {@link #MAX_OFFSET}.
     */
    public static Query page(Query query, int page, int size) {
        checkPage(page, size, Integer.MAX_VALUE);
        return query.skip((long) page * size).limit(size);
    }

    /**
     * 400 {@code invalid-page} naming each wrong parameter: a page below 0 or beyond {@link #MAX_OFFSET}, a size outside 1 to
     * {@code maxSize} (a negative page was blamed on the size, or answered as page 0).
     */
    public static void checkPage(int page, int size, int maxSize) {
        List<FieldViolation> wrong = new java.util.ArrayList<>();
        if (size < 1 || size > maxSize) {
            wrong.add(new FieldViolation("size", "out-of-range", 1, maxSize));
        }
        long deepest = MAX_OFFSET / Math.max(1, size);
        if (page < 0 || page > deepest) {
            wrong.add(new FieldViolation("page", "out-of-range", 0, deepest));
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-page", wrong);
        }
    }

    /** The field each item and case keeps of when its enterprise's own union first sees it (AnonymousRelease). */
    public static final String ENTERPRISE_SEES_AT = "enterpriseSeesAt";

    /**
     * {@code criteria} narrowed to what the enterprise side sees at {@code now}: an anonymous worker's item from its
     * release on. A document written without the field (by an instance of an older release during a rolling
     * update, after the one-time step) was seen at once, as before.
     */
    public static Criteria seenByEnterpriseSide(Criteria criteria, Instant now) {
        return criteria.orOperator(Criteria.where(ENTERPRISE_SEES_AT).lte(now), Criteria.where(ENTERPRISE_SEES_AT).exists(false));
    }

    /**
     * A condition on what the enterprise side is shown at {@code now} of a document that keeps an earlier state for it
     * until {@code heldUntil} (an anonymous worker's rating, a warning's changes, until the next release): {@code held},
     * on the fields of that earlier state, while {@code heldUntil} is after {@code now}; {@code asItIs} otherwise (also
     * when the field is absent). A null {@code held} matches every held document.
     */
    public static Criteria shownAt(Instant now, String heldUntil, Criteria held, Criteria asItIs) {
        Criteria whileHeld = Criteria.where(heldUntil).gt(now);
        return new Criteria().orOperator(held == null ? whileHeld : new Criteria().andOperator(whileHeld, held),
                notHeldAt(now, heldUntil, asItIs));
    }

    /** {@code asItIs} on the documents that keep no earlier state for the enterprise side at {@code now} ({@link #shownAt}). */
    public static Criteria notHeldAt(Instant now, String heldUntil, Criteria asItIs) {
        return new Criteria().andOperator(Criteria.where(heldUntil).not().gt(now), asItIs);
    }

    /**
     * Page {@code page} (from 0) of {@code size} as the enterprise side sees it: in the order it first saw the
     * documents, ties (one release of anonymous workers' items) by id, which is random, so the order inside a
     * release says nothing about who filed first.
     */
    public static Query inTheOrderTheEnterpriseSideSawThem(Criteria criteria, int page, int size) {
        return page(new Query(criteria).with(Sort.by(Sort.Order.desc(ENTERPRISE_SEES_AT), Sort.Order.asc("_id"))), page, size);
    }

    /** Documents a streamed read holds at once ({@link #inBatches}). */
    public static final int STREAM_BATCH = 500;

    /**
     * The query with a cursor batch size, for {@code MongoTemplate.stream} over many documents (an
     * export, an audit, a one-time step): without one the local store answers with every matching
     * document in the first batch (MongoDB with up to 16 MB per batch), so a "stream" held them all
     * decoded — the ledger's reconciliation ran member-card-service out of its heap at 52,000 lines.
     */
    public static Query inBatches(Query query) {
        return query.cursorBatchSize(STREAM_BATCH);
    }

    /**
     * Whether a document matches, read as a find of one {@code _id}. Not {@code MongoTemplate.exists}:
     * that counts with an aggregation, which the embedded MongoDB-wire store answers by reading the
     * whole collection even for a key lookup — on the inbox, once per consumed event.
     */
    public static boolean exists(MongoTemplate mongo, Query query, String collection) {
        Query one = Query.of(query).limit(1);
        one.fields().include("_id");
        return mongo.findOne(one, Document.class, collection) != null;
    }
}
