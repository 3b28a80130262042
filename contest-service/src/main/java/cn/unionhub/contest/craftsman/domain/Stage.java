package cn.unionhub.contest.craftsman.domain;

import cn.unionhub.platform.domain.Labelled;

/** Where a nomination stands (组织发动 → 自评申报 → 集中审核 → 专家评审 → 公示 → 授予). */
public enum Stage implements Labelled {
    NOMINATED, SELF_EVALUATED, REVIEWED, EXPERT_REVIEWED, NOTICED, CONFERRED, REJECTED
}
