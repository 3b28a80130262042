package cn.unionhub.contest.craftsman.domain;

/**
 * An expert of the review panel (评审专家).
 *
 * @param enterprise the unified social credit code of their employer; null for an independent expert
 */
public record Expert(String id, String name, String enterprise) {
}
