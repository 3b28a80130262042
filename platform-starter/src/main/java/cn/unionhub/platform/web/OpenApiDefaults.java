package cn.unionhub.platform.web;

import cn.unionhub.security.Actor;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

/**
 * Every service's OpenAPI document names the service and points at the gateway: the relative
 * server URL makes Swagger UI call whatever origin served it, which is the gateway for users. It
 * declares the bearer token every protected endpoint takes, so Swagger UI offers "Authorize" and its
 * "Try it out" sends the token (without it, every protected call from the UI answered 401).
 */
public final class OpenApiDefaults {

    private static final String BEARER = "bearer-token";

    private OpenApiDefaults() {
    }

    /**
     * The caller ({@link Actor}) is resolved from the bearer token, not sent by the client: without this every
     * signed-in operation listed a required query parameter {@code actor} that Swagger UI's "Try it out" asked for.
     * springdoc's list is global, so this is called once when the customizer is made.
     */
    static void ignoreResolvedArguments() {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    }

    public static OpenApiCustomizer customizer(String applicationName, String version) {
        ignoreResolvedArguments();
        return openApi -> openApi
                .info(new Info().title("UnionHub " + applicationName + " API").version(version)
                        .description("工会数智服务平台 " + applicationName + "。错误以 RFC 9457 Problem 返回（默认中文，"
                                + "Accept-Language: en 返回英文）。Errors are RFC 9457 problems, zh-CN by default."))
                .servers(List.of(new Server().url("/").description("UnionHub gateway")))
                .components((openApi.getComponents() == null ? new Components() : openApi.getComponents())
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT").description("访问令牌（本地运行：POST http://localhost:9000/demo/tokens）")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
