package cn.unionhub.events.alert;

import cn.unionhub.events.DomainEvent;
import cn.unionhub.events.EventContract;
import cn.unionhub.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The daily enterprise warning report (预警信息日报) of one day in Asia/Shanghai, published once.
 * Key: the date.
 *
 * @param date             the day, {@code yyyy-MM-dd}, Asia/Shanghai
 * @param raised           warnings raised that day
 * @param upgraded         warnings upgraded that day
 * @param downgraded       warnings downgraded that day
 * @param closed           warnings closed that day
 * @param collectiveDisputes warnings with a collective dispute among those active that day
 * @param amountAtStakeFen money at stake in the warnings active that day, in fen
 * @param byDistrict       per district code: raised, upgraded, downgraded, closed, amountAtStakeFen
 * @param byIndustry       per industry code: the same
 * @param topEnterprises   the enterprises at highest risk that day
 * @param generatedAt      when the report was made
 */
@EventContract(type = "cn.unionhub.alert.daily-report.v1", topic = Topics.ALERT)
public record DailyReportPublished(String date, int raised, int upgraded, int downgraded, int closed,
        int collectiveDisputes, long amountAtStakeFen, Map<String, Map<String, Long>> byDistrict,
        Map<String, Map<String, Long>> byIndustry, List<TopEnterprise> topEnterprises, Instant generatedAt)
        implements DomainEvent {

    /** One enterprise in the report's top list. */
    public record TopEnterprise(String warningId, String enterprise, String enterpriseName, String district,
            String industry, String level, double score, boolean collectiveDispute, long amountAtStakeFen,
            String status) {
    }

    @Override
    public String subject() {
        return "daily-report-" + date;
    }
}
