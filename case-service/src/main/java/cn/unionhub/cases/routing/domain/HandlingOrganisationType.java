package cn.unionhub.cases.routing.domain;

import cn.unionhub.platform.domain.Labelled;

/** Kinds of organisation a case can be routed to (分流去向). */
public enum HandlingOrganisationType implements Labelled {
    ENTERPRISE_UNION,
    STREET_UNION,
    DISTRICT_UNION,
    LEGAL_AID_CENTRE,
    MEDIATION_ORGANISATION,
    LABOR_INSPECTION,
    CITY_UNION
}
