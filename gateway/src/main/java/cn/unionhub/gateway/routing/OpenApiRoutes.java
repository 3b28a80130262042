package cn.unionhub.gateway.routing;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /openapi/<service>} serves that service's OpenAPI document through the gateway, so the
 * gateway's Swagger UI ({@code /swagger-ui.html}) shows every service's API.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiRoutes {

    @Bean
    RouteLocator openApiDocuments(RouteLocatorBuilder builder, GatewayProperties properties) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        properties.services().keySet().forEach(service -> routes.route("openapi-" + service, route -> route
                .path("/openapi/" + service)
                .filters(filter -> filter.setPath("/v3/api-docs"))
                .uri("lb://" + service)));
        return routes.build();
    }
}
