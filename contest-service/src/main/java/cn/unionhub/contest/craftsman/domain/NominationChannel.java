package cn.unionhub.contest.craftsman.domain;

import cn.unionhub.platform.domain.Labelled;

/** Who put a nominee forward: the three channels of 上海工匠 (单位推荐, 社团推荐, 个人自荐). */
public enum NominationChannel implements Labelled {
    UNIT, ASSOCIATION, SELF
}
