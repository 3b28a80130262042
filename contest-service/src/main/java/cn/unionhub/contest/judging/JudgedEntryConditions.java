package cn.unionhub.contest.judging;

import cn.unionhub.contest.judging.store.Panels;
import cn.unionhub.contest.registration.EntryConditions;
import org.springframework.stereotype.Component;

/** Entries as judging sees them: the event's panel, and whether its results went on notice. */
@Component
class JudgedEntryConditions implements EntryConditions {

    private final Panels panels;
    private final ResultsOnNotice results;

    JudgedEntryConditions(Panels panels, ResultsOnNotice results) {
        this.panels = panels;
        this.results = results;
    }

    @Override
    public boolean isJudge(String eventId, String account) {
        return panels.of(eventId).judges().stream().anyMatch(j -> account.equals(j.id()));
    }

    @Override
    public boolean resultsPublished(String eventId) {
        return results.published(eventId);
    }
}
