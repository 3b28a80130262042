package cn.unionhub.platform.web;

import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Every service's OpenAPI document names the service and points at the gateway: the relative
 * server URL makes Swagger UI call whatever origin served it, which is the gateway for users.
 */
public final class OpenApiDefaults {

    private OpenApiDefaults() {
    }

    public static OpenApiCustomizer customizer(String applicationName, String version) {
        return openApi -> openApi
                .info(new Info().title("UnionHub " + applicationName + " API").version(version)
                        .description("工会数智服务平台 " + applicationName + "。错误以 RFC 9457 Problem 返回（默认中文，"
                                + "Accept-Language: en 返回英文）。Errors are RFC 9457 problems, zh-CN by default."))
                .servers(List.of(new Server().url("/").description("UnionHub gateway")));
    }
}
