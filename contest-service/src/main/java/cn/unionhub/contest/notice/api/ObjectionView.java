package cn.unionhub.contest.notice.api;

import cn.unionhub.contest.notice.domain.Objection;
import java.time.Instant;

/** An objection as a public notice shows it (of results or of nominees): what and whether answered, never who objected. */
public record ObjectionView(String id, String concerns, Instant filedAt, String verdict, String reason) {

    public static ObjectionView of(Objection o) {
        return new ObjectionView(o.id(), o.concerns(), o.filedAt(), o.isAnswered() ? o.answer().verdict().name() : null,
                o.isAnswered() ? o.answer().reason() : null);
    }
}
