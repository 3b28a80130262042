package cn.unionhub.contest.notice.api;

import cn.unionhub.contest.notice.domain.Notice;
import cn.unionhub.contest.notice.domain.Objection;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;

/** An objection as a public notice shows it (of results or of nominees): what and whether answered, never who objected. */
public record ObjectionView(String id, String concerns, Instant filedAt, String verdict, String reason) {

    /** An objection as the objector writes it: by name, with evidence; their account is taken from the sign-in. */
    public record Form(String concerns, Objection.Objector objector, String grounds, List<Objection.Evidence> evidence) {

        public Notice.ObjectionForm toDomain() {
            return new Notice.ObjectionForm(concerns, objector, grounds, evidence);
        }
    }

    /**
     * An objection as the office reads it before answering: who objects and how to reach them, the grounds
     * and the evidence. Only the office that answers it sees this; the notice shows {@link ObjectionView}.
     */
    public record Full(String id, String concerns, Objection.Objector objector, String grounds, List<Objection.Evidence> evidence,
            Instant filedAt, String verdict, String reason) {

        public static Full of(Objection o) {
            return new Full(o.id(), o.concerns(), o.objector(), o.grounds(), o.evidence(), o.filedAt(),
                    o.isAnswered() ? o.answer().verdict().name() : null, o.isAnswered() ? o.answer().reason() : null);
        }
    }

    public static ObjectionView of(Objection o) {
        return new ObjectionView(o.id(), o.concerns(), o.filedAt(), o.isAnswered() ? o.answer().verdict().name() : null,
                o.isAnswered() ? o.answer().reason() : null);
    }

    /** The answer to filing: 201, where the objection lives under {@code objections} (a path), as the notice shows it. */
    public static ResponseEntity<ObjectionView> filed(Objection filed, String objections) {
        return ResponseEntity.created(URI.create(objections + "/" + filed.id())).body(of(filed));
    }
}
