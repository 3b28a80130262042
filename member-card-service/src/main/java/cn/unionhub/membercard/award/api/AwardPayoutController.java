package cn.unionhub.membercard.award.api;

import cn.unionhub.membercard.award.AwardPayments;
import cn.unionhub.membercard.award.store.AwardPayouts.Payout;
import cn.unionhub.security.Actor;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Where a contest award's prize money stands: for the office that runs the contest, and the city union. */
@RestController
class AwardPayoutController {

    /**
     * @param status DUE, PAID, UNFUNDED (the region's fund does not cover it: it is tried again hourly)
     *               or MEMBER_UNKNOWN (the winner is not in the register: tried again daily)
     */
    record PayoutView(String awardId, String contestId, String title, long amountFen, String status, int attempt, String transferId,
            String memberId, OffsetDateTime dueSince) {
    }

    private final AwardPayments payments;

    AwardPayoutController(AwardPayments payments) {
        this.payments = payments;
    }

    @GetMapping("/api/v1/welfare/award-payouts/{awardId}")
    PayoutView payout(@PathVariable String awardId, Actor actor) {
        Payout p = payments.visible(awardId, actor);
        return new PayoutView(p.awardId, p.contestId, p.title, p.amountFen, p.status, p.attempt, p.transferId, p.memberId,
                p.dueSince.atZone(ZoneId.of("Asia/Shanghai")).toOffsetDateTime());
    }
}
