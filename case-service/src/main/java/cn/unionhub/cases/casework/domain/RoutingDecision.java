package cn.unionhub.cases.casework.domain;

import cn.unionhub.cases.routing.domain.HandlingOrganisation;
import cn.unionhub.cases.routing.domain.HandlingOrganisationType;

/** Where a case goes (the organisation and its name) and which rule said so. */
public record RoutingDecision(String rule, HandlingOrganisation organisation, String organisationName) {

    public HandlingOrganisationType organisationType() {
        return organisation.type();
    }
}
