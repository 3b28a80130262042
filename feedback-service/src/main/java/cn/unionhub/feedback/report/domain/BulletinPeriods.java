package cn.unionhub.feedback.report.domain;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

/** Bulletins cover calendar months in Beijing time: an item submitted at 00:30 on 1 December belongs to December. */
public final class BulletinPeriods {

    public static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

    private BulletinPeriods() {
    }

    public static YearMonth of(Instant at) {
        return YearMonth.from(at.atZone(BUSINESS_ZONE));
    }
}
