package cn.unionhub.cases.proposals.domain;

import java.time.LocalDate;

/**
 * Something a representative did for workers outside proposals, recorded as they do it: a visit to
 * a key contact (走访重点联系人员), a "workers' matters discussed by all" meeting (职工事大家议), or a
 * problem passed on through 零距离.
 */
public record Activity(String id, String representative, Kind kind, LocalDate day, String note) {

    public enum Kind {
        VISIT, DELIBERATION, REFERRAL
    }
}
