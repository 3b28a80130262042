package cn.unionhub.membercard.payroll.api;

import cn.unionhub.membercard.ledger.domain.Fen;
import cn.unionhub.membercard.payroll.PayrollService;
import cn.unionhub.membercard.payroll.store.Payrolls.Line;
import cn.unionhub.membercard.payroll.store.Payrolls.PayrollDocument;
import cn.unionhub.security.Actor;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Wage disbursement (民工惠): the district union pays an employer's payroll batch out of the
 * employer's escrow into its workers' welfare accounts. The batch id keys it: the same batch again
 * answers the first result (a refused one is tried again); the same id with other lines is 409.
 * Identity numbers are answered masked.
 */
@RestController
class PayrollController {

    record LineBody(String idNumber, String name, BigDecimal amountFen) {
    }

    record PayrollBody(String employer, String batchId, List<LineBody> lines) {
    }

    /**
     * Totals, and the lines that went to suspense (the others are in the workers' wallets); a refused
     * batch moved nothing, so it shows no line paid or parked. {@code attempt}: asked again after a refusal, the next.
     */
    record PayrollView(String employer, String batchId, String status, String reason, int attempt, int paidLines, long paidFen,
            int suspenseLines, long suspenseFen, String transferId, List<Line> suspense) {

        static PayrollView of(PayrollDocument p) {
            boolean paid = "DISBURSED".equals(p.status);
            List<Line> parked = p.lines.stream().filter(l -> l.memberId() == null).toList();
            long parkedFen = parked.stream().mapToLong(Line::amountFen).sum();
            long total = p.lines.stream().mapToLong(Line::amountFen).sum();
            return new PayrollView(p.employer, p.batchId, p.status, p.reason, p.attempt(), paid ? p.lines.size() - parked.size() : 0,
                    paid ? total - parkedFen : 0, paid ? parked.size() : 0, paid ? parkedFen : 0, p.transferId, paid ? parked : List.of());
        }
    }

    private final PayrollService payrolls;

    PayrollController(PayrollService payrolls) {
        this.payrolls = payrolls;
    }

    @PostMapping("/api/v1/welfare/payrolls")
    @ResponseStatus(HttpStatus.CREATED)
    PayrollView disburse(@RequestBody PayrollBody body, Actor actor) {
        // Each amount named by its row (lines[3].amountFen), so the clerk finds the line to mend.
        List<PayrollService.LineRequest> lines = body.lines() == null ? null : java.util.stream.IntStream.range(0, body.lines().size())
                .mapToObj(i -> {
                    LineBody l = body.lines().get(i);
                    return new PayrollService.LineRequest(l.idNumber(), l.name(), Fen.of(l.amountFen(), "lines[" + i + "].amountFen"));
                }).toList();
        PayrollDocument batch = payrolls.disburse(body.employer(), body.batchId(), lines, actor);
        if ("REJECTED".equals(batch.status)) {
            // The escrow did not cover it: nothing moved (409, as a refused transfer); the batch id asked again tries again.
            throw cn.unionhub.membercard.ledger.domain.LedgerException.Refused.transfer(batch.reason, batch.transferId);
        }
        return PayrollView.of(batch);
    }

    /** An employer's batches, the newest first (工资批次列表), each with its totals. */
    @GetMapping("/api/v1/welfare/payrolls/{employer}")
    List<PayrollView> ofEmployer(@PathVariable String employer, Actor actor) {
        return payrolls.ofEmployer(employer, actor).stream().map(PayrollView::of).toList();
    }

    @GetMapping("/api/v1/welfare/payrolls/{employer}/{batchId}")
    PayrollView find(@PathVariable String employer, @PathVariable String batchId, Actor actor) {
        return PayrollView.of(payrolls.find(employer, batchId, actor));
    }
}
