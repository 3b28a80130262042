package cn.unionhub.platform.problem;

import java.util.UUID;
import java.util.regex.Pattern;

/** Request ids: taken from the gateway's {@code X-Request-Id} when well-formed, made up otherwise. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    /** Only harmless characters: the id lands in logs and response headers. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private RequestIds() {
    }

    public static String acceptOrCreate(String incoming) {
        return incoming != null && SAFE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }
}
