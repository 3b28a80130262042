package cn.unionhub.contest.common.store;

import tools.jackson.databind.json.JsonMapper;

/** The service's {@link Bodies} outside a Spring context, for load drivers. */
public final class BenchBodies {

    private BenchBodies() {
    }

    public static Bodies create() {
        return new Bodies(JsonMapper.builder().build());
    }
}
