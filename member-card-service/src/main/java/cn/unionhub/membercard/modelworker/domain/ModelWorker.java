package cn.unionhub.membercard.modelworker.domain;

import cn.unionhub.membercard.ledger.domain.LedgerException;
import java.time.Instant;
import java.time.Year;

/**
 * A member on the model-worker register (劳模名册): the honour and the year it was conferred. It makes
 * the member eligible for the 劳模卡 (half-price public transport, asked by the transport operator's
 * system) and for the union's yearly grants to model workers. Revoked honours keep their record.
 */
public record ModelWorker(String memberId, String district, Honour honour, int year, Status status, Instant registeredAt,
        String registeredBy) {

    /** The level of the honour. */
    public enum Honour {
        /** 全国劳动模范 / 全国先进工作者. */
        NATIONAL,
        /** 省（部）级劳动模范. */
        PROVINCIAL,
        /** 市级劳动模范. */
        CITY
    }

    public enum Status {
        ACTIVE, REVOKED
    }

    public ModelWorker {
        if (honour == null) {
            throw new LedgerException.Invalid("honour", "model-worker-honour");
        }
        if (year < 1950 || year > Year.now().getValue()) {
            throw new LedgerException.Invalid("year", "model-worker-year");
        }
    }

    public boolean isActive() {
        return status == Status.ACTIVE;
    }
}
