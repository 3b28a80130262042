package cn.unionhub.membercard.member.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Worker groups the union serves differently (key groups get green channels and targeted campaigns). */
public enum WorkerGroup {
    REGULAR("普通职工", "职工"),
    /** 农民工. */
    MIGRANT_WORKER("农民工"),
    /** 新就业形态劳动者: couriers, delivery riders, ride-hailing and truck drivers. */
    GIG_WORKER("新就业形态劳动者", "新就业形态", "快递员", "外卖骑手", "网约车司机");

    private final List<String> chinese;

    WorkerGroup(String... chinese) {
        this.chinese = List.of(chinese);
    }

    public static Optional<WorkerGroup> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip();
        return Arrays.stream(values()).filter(g -> g.name().equalsIgnoreCase(t) || g.chinese.contains(t)).findFirst();
    }
}
