package cn.unionhub.cases.casework.domain;

/** What routing looks at. */
public record CaseFacts(String category, String workerGroup, String district, String enterpriseName) {
}
