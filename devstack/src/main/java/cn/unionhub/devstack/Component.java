package cn.unionhub.devstack;

import java.util.List;

/**
 * One process of the local stack.
 *
 * @param name        process name, also the Eureka application name for services
 * @param module      Maven module whose jar it runs ({@code null} for the infrastructure nodes)
 * @param portKey     environment variable that overrides its port
 * @param defaultPort port used unless overridden
 * @param routeProbe  public path under the gateway that proves the service is routed, or {@code null}
 */
public record Component(String name, String module, String portKey, int defaultPort, String routeProbe) {

    public static final String KAFKA = "kafka";
    public static final String MONGO = "mongodb";
    public static final String DISCOVERY = "discovery-server";
    public static final String IDENTITY = "identity-server";
    public static final String GATEWAY = "gateway";

    /** Every process in start order; {@code down} stops them in reverse. */
    public static final List<Component> ALL = List.of(
            new Component(KAFKA, null, "UNIONHUB_KAFKA_PORT", 9092, null),
            new Component(MONGO, null, "UNIONHUB_MONGO_PORT", 27017, null),
            new Component(DISCOVERY, DISCOVERY, "UNIONHUB_EUREKA_PORT", 8761, null),
            new Component(IDENTITY, IDENTITY, "UNIONHUB_IDENTITY_PORT", 9000, null),
            new Component("feedback-service", "feedback-service", "UNIONHUB_FEEDBACK_PORT", 8081, "/api/v1/feedback/categories"),
            new Component("case-service", "case-service", "UNIONHUB_CASE_PORT", 8082, "/api/v1/cases/handling-organisations"),
            new Component("member-card-service", "member-card-service", "UNIONHUB_MEMBER_CARD_PORT", 8083, "/api/v1/member-cards/card-types"),
            new Component("station-service", "station-service", "UNIONHUB_STATION_PORT", 8084, "/api/v1/stations/service-types"),
            new Component("contest-service", "contest-service", "UNIONHUB_CONTEST_PORT", 8085, "/api/v1/contests/award-rules"),
            new Component("alert-service", "alert-service", "UNIONHUB_ALERT_PORT", 8086, "/api/v1/alerts/levels"),
            new Component(GATEWAY, GATEWAY, "UNIONHUB_GATEWAY_PORT", 8080, null));

    public boolean isInfrastructure() {
        return module == null;
    }

    /** Started right after the infrastructure, before the services that depend on them. */
    public boolean isPlatformService() {
        return name.equals(DISCOVERY) || name.equals(IDENTITY);
    }

    public boolean isDomainService() {
        return routeProbe != null;
    }

    public static Component named(String name) {
        return ALL.stream().filter(c -> c.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown component " + name));
    }
}
