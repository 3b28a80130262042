package cn.unionhub.contest.results;

import cn.unionhub.contest.judging.ResultsOnNotice;
import cn.unionhub.contest.results.domain.EventResults;
import cn.unionhub.contest.results.store.ResultsStore;
import org.springframework.stereotype.Component;

/**
 * Results on notice hold the score ledger: judges write again only while the results are being
 * revised after an upheld objection (REVISING); before the first notice they score freely, and once
 * final the ledger is closed.
 */
@Component
class NoticedResults implements ResultsOnNotice {

    private final ResultsStore results;

    NoticedResults(ResultsStore results) {
        this.results = results;
    }

    @Override
    public boolean onNotice(String eventId) {
        return results.of(eventId).map(r -> r.status() == EventResults.Status.NOTICED).orElse(false);
    }

    @Override
    public boolean published(String eventId) {
        return results.of(eventId).isPresent();
    }

    @Override
    public java.util.Optional<java.util.Set<String>> revisable(String eventId) {
        return results.of(eventId).filter(r -> r.status() == EventResults.Status.REVISING).flatMap(r -> {
            var upheld = r.notice().objections().stream().filter(cn.unionhub.contest.notice.domain.Objection::isUpheld).toList();
            if (upheld.stream().anyMatch(o -> o.concerns() == null)) {
                return java.util.Optional.empty(); // the list as a whole: any score may be at fault
            }
            return java.util.Optional.of(upheld.stream().map(cn.unionhub.contest.notice.domain.Objection::concerns)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet()));
        });
    }
}
