package cn.unionhub.membercard.modelworker.api;

import cn.unionhub.membercard.ledger.domain.Fen;
import cn.unionhub.membercard.ledger.domain.LedgerException;
import cn.unionhub.membercard.modelworker.ModelWorkerService;
import cn.unionhub.membercard.modelworker.domain.ModelWorker;
import cn.unionhub.security.Actor;
import java.math.BigDecimal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * 劳模卡: the model-worker register, the transport operators' fare check and the yearly grant. The
 * card itself is issued like any card: {@code POST /api/v1/member-cards {"cardType":"MODEL_WORKER_CARD"}},
 * to registered model workers only.
 */
@RestController
class ModelWorkerController {

    /** @param honour NATIONAL, PROVINCIAL or CITY */
    record RegisterRequest(String memberId, String honour, Integer year) {
    }

    record GrantRequest(Integer year, BigDecimal amountFen, String district) {
    }

    private final ModelWorkerService models;

    ModelWorkerController(ModelWorkerService models) {
        this.models = models;
    }

    @PostMapping("/api/v1/welfare/model-workers")
    @ResponseStatus(HttpStatus.CREATED)
    ModelWorker register(@RequestBody RegisterRequest r, Actor actor) {
        ModelWorker.Honour honour;
        try {
            honour = ModelWorker.Honour.valueOf(r.honour() == null ? "" : r.honour());
        } catch (IllegalArgumentException unknown) {
            throw new LedgerException.Invalid("honour", "model-worker-honour");
        }
        return models.register(r.memberId(), honour, r.year() == null ? 0 : r.year(), actor);
    }

    @GetMapping("/api/v1/welfare/model-workers/mine")
    ModelWorker mine(Actor actor) {
        return models.mine(actor);
    }

    @GetMapping("/api/v1/welfare/model-workers/{memberId}")
    ModelWorker find(@PathVariable String memberId, Actor actor) {
        return models.find(memberId, actor);
    }

    /** For the transport operator's system at the gate: does this card ride at the model workers' fare? */
    @GetMapping("/api/v1/welfare/transport-fares")
    ModelWorkerService.FareRule fare(@RequestParam String card, Actor gate) {
        return models.fareRule(card, gate);
    }

    /** The year's grant; refused whole when the fund cannot cover it (409 with the ledger's reason; asked again, tried again). */
    @PostMapping("/api/v1/welfare/model-workers/grants")
    @ResponseStatus(HttpStatus.CREATED)
    ModelWorkerService.Grant grant(@RequestBody GrantRequest r, Actor actor) {
        ModelWorkerService.Grant grant = models.grant(r.year() == null ? 0 : r.year(), Fen.of(r.amountFen(), "amountFen"), r.district(), actor);
        if ("REJECTED".equals(grant.status())) {
            throw cn.unionhub.membercard.ledger.domain.LedgerException.Refused.transfer(grant.reason(), grant.transferId());
        }
        return grant;
    }
}
