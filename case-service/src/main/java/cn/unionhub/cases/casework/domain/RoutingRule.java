package cn.unionhub.cases.casework.domain;

import cn.unionhub.cases.routing.domain.HandlingOrganisationType;
import java.util.Set;

/**
 * One routing rule (分流规则), as data: which cases it takes and where they go. Empty sets match
 * anything; the first matching rule wins, so specific rules come before district defaults.
 *
 * @param name             shown on the case and in its events as the reason for the routing
 * @param categories       feedback categories it takes
 * @param workerGroups     GIG_WORKER, MIGRANT_WORKER, REGULAR
 * @param districts        district codes
 * @param enterprises      unified social credit codes, e.g. an enterprise whose cases go to a special task force
 * @param priorities       urgency: NORMAL, URGENT, GREEN_CHANNEL
 * @param sources          FEEDBACK, HOTLINE_12351, SUPERVISION, PUBLIC_OPINION
 * @param organisationType where the case goes
 * @param organisationName name of the organisation; {@code {enterpriseName}} and {@code {districtName}} are filled in
 */
public record RoutingRule(String name, Set<String> categories, Set<String> workerGroups, Set<String> districts,
        Set<String> enterprises, Set<Case.Priority> priorities, Set<Case.Source> sources,
        HandlingOrganisationType organisationType, String organisationName) {

    public RoutingRule {
        categories = categories == null ? Set.of() : Set.copyOf(categories);
        workerGroups = workerGroups == null ? Set.of() : Set.copyOf(workerGroups);
        districts = districts == null ? Set.of() : Set.copyOf(districts);
        enterprises = enterprises == null ? Set.of() : Set.copyOf(enterprises);
        priorities = priorities == null ? Set.of() : Set.copyOf(priorities);
        sources = sources == null ? Set.of() : Set.copyOf(sources);
    }

    boolean matches(CaseFacts facts) {
        return (categories.isEmpty() || categories.contains(facts.category()))
                && (workerGroups.isEmpty() || workerGroups.contains(facts.workerGroup()))
                && (districts.isEmpty() || districts.contains(facts.district()))
                && (enterprises.isEmpty() || enterprises.contains(facts.enterprise()))
                && (priorities.isEmpty() || priorities.contains(facts.priority()))
                && (sources.isEmpty() || sources.contains(facts.source()));
    }
}
