package cn.unionhub.contest.results.store;

import cn.unionhub.contest.common.store.Bodies;
import cn.unionhub.contest.results.domain.EventResults;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.platform.store.Sequences;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/** Event results by event id. */
@Repository
public class ResultsStore {

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final Bodies bodies;
    private final Sequences sequences;

    ResultsStore(MongoTemplate mongo, AggregateStore store, Bodies bodies, Sequences sequences) {
        this.mongo = mongo;
        this.store = store;
        this.bodies = bodies;
        this.sequences = sequences;
    }

    public String nextObjectionId(String eventId) {
        return eventId + "-O" + String.format("%03d", sequences.next("objection:" + eventId));
    }

    public Optional<EventResults> of(String eventId) {
        return Optional.ofNullable(mongo.findById(eventId, ResultsDocument.class)).map(d -> bodies.read(d.results, EventResults.class));
    }

    /** The first notice of an event's results; false if another request noticed them first. */
    public boolean insert(EventResults.Changed noticed) {
        ResultsDocument d = new ResultsDocument();
        d.id = noticed.results().eventId();
        d.results = bodies.write(noticed.results());
        return store.insertOnce(d, noticed.events());
    }

    public Optional<EventResults> change(String eventId, Function<EventResults, EventResults.Changed> step) {
        return store.modify(ResultsDocument.class, eventId, current -> {
            EventResults.Changed changed = step.apply(bodies.read(current.results, EventResults.class));
            current.results = bodies.write(changed.results());
            return new AggregateStore.Change<>(current, changed.events());
        }).map(d -> bodies.read(d.results, EventResults.class));
    }
}
