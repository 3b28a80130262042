package cn.unionhub.security;

/** Who a caller is to the platform; tokens carry these names in their roles claim. */
public enum Role {
    /** A worker (职工): submits and follows their own items. */
    WORKER,
    /** Enterprise union chair or staff (企业工会): sees only their enterprise. */
    ENTERPRISE_UNION,
    /** Town/street or district union staff (镇街/区总工会): sees only their district. */
    DISTRICT_UNION,
    /** Case handler: mediator, legal-aid lawyer, hotline operator. */
    HANDLER,
    /** Platform administrator. */
    ADMIN,
    /** Another government system calling as a machine client (labour inspection, HRSS, courts' mediation). */
    GOV_SYSTEM,
    /**
     * A public transport operator's fare system (client {@code transport-<operator>}): asks only whether
     * a card rides at the model workers' fare, and reads nothing else of the register.
     */
    FARE_SYSTEM,
    /**
     * A concession provider's window (client {@code provider-<provider>}: a heating company, a hospital, a
     * school): checks a 特困职工证 shown to it and what it takes off, and reads nothing else.
     */
    PROVIDER_WINDOW,
    /**
     * A merchant's till (收银系统) calling as a machine client: it redeems member coupons at that
     * merchant only, named by the token's {@code organisation} claim {@code MERCHANT:<merchant id>}.
     */
    MERCHANT
}
