package cn.unionhub.cases.casework.domain;

/** What routing looks at: category × enterprise × district × urgency, plus who and whence. */
public record CaseFacts(String category, String workerGroup, String district, String enterprise, String enterpriseName,
        Case.Priority priority, Case.Source source) {

    public static CaseFacts of(Case.Matter matter, Case.Priority priority, Case.Source source) {
        return new CaseFacts(matter.category(), matter.workerGroup(), matter.district(), matter.enterprise(),
                matter.enterpriseName(), priority, source);
    }
}
