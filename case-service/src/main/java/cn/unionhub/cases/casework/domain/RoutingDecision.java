package cn.unionhub.cases.casework.domain;

import cn.unionhub.cases.routing.domain.HandlingOrganisationType;

/** Where a case goes and which rule said so. */
public record RoutingDecision(String rule, HandlingOrganisationType organisationType, String organisationName) {
}
