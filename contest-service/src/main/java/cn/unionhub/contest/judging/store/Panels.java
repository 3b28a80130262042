package cn.unionhub.contest.judging.store;

import cn.unionhub.contest.common.store.Bodies;
import cn.unionhub.contest.judging.domain.JudgePanel;
import cn.unionhub.platform.events.AggregateStore;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Repository;

/** Judge panels by event id. */
@Repository
public class Panels {

    private final org.springframework.data.mongodb.core.MongoTemplate mongo;
    private final AggregateStore store;
    private final Bodies bodies;

    Panels(org.springframework.data.mongodb.core.MongoTemplate mongo, AggregateStore store, Bodies bodies) {
        this.mongo = mongo;
        this.store = store;
        this.bodies = bodies;
    }

    public JudgePanel of(String eventId) {
        PanelDocument d = mongo.findById(eventId, PanelDocument.class);
        return d == null ? JudgePanel.empty(eventId) : bodies.read(d.panel, JudgePanel.class);
    }

    public JudgePanel change(String eventId, UnaryOperator<JudgePanel> step) {
        PanelDocument start = new PanelDocument();
        start.id = eventId;
        start.panel = bodies.write(JudgePanel.empty(eventId));
        store.insertOnce(start, List.of());
        return store.modify(PanelDocument.class, eventId, current -> {
            current.panel = bodies.write(step.apply(bodies.read(current.panel, JudgePanel.class)));
            return new AggregateStore.Change<>(current, List.of());
        }).map(d -> bodies.read(d.panel, JudgePanel.class)).orElseThrow();
    }
}
