package cn.unionhub.alert.report.domain;

import cn.unionhub.alert.warning.domain.WarningLevel;
import java.util.Map;

/**
 * The words an officer reads in the daily report's spreadsheet: industries by their GB/T 4754-2017 section, levels and
 * metrics in Chinese, money in yuan. The CSV showed "按行业,D level.ORANGE,1" and amounts in fen beside a yuan total.
 */
public final class ReportLabels {

    private static final Map<String, String> INDUSTRIES = Map.ofEntries(
            Map.entry("A", "农、林、牧、渔业"), Map.entry("B", "采矿业"), Map.entry("C", "制造业"),
            Map.entry("D", "电力、热力、燃气及水生产和供应业"), Map.entry("E", "建筑业"), Map.entry("F", "批发和零售业"),
            Map.entry("G", "交通运输、仓储和邮政业"), Map.entry("H", "住宿和餐饮业"), Map.entry("I", "信息传输、软件和信息技术服务业"),
            Map.entry("J", "金融业"), Map.entry("K", "房地产业"), Map.entry("L", "租赁和商务服务业"), Map.entry("M", "科学研究和技术服务业"),
            Map.entry("N", "水利、环境和公共设施管理业"), Map.entry("O", "居民服务、修理和其他服务业"), Map.entry("P", "教育"),
            Map.entry("Q", "卫生和社会工作"), Map.entry("R", "文化、体育和娱乐业"), Map.entry("S", "公共管理、社会保障和社会组织"),
            Map.entry("T", "国际组织"));

    private static final Map<String, String> METRICS = Map.of("active", "在办预警", "raised", "新发预警", "upgraded", "升级预警",
            "downgraded", "降级预警", "closed", "闭环预警", "amountAtStakeFen", "涉及金额（元）");

    private static final Map<WarningLevel, String> LEVELS = Map.of(WarningLevel.RED, "红色", WarningLevel.ORANGE, "橙色",
            WarningLevel.YELLOW, "黄色", WarningLevel.BLUE, "蓝色");

    private ReportLabels() {
    }

    /** 制造业（C）; an unknown code as it is; none: 未登记行业. */
    public static String industry(String code) {
        if (code == null || DailyReport.UNKNOWN.equals(code)) {
            return "未登记行业";
        }
        String name = INDUSTRIES.get(code.strip().isEmpty() ? "" : code.strip().substring(0, 1).toUpperCase(java.util.Locale.ROOT));
        return name == null ? code : name + "（" + code + "）";
    }

    public static String level(WarningLevel level) {
        return LEVELS.get(level) + "预警";
    }

    /** A metric's words ({@code level.RED} → 红色预警); an unknown key as it is. */
    public static String metric(String key) {
        if (key.startsWith("level.")) {
            try {
                return level(WarningLevel.valueOf(key.substring("level.".length())));
            } catch (IllegalArgumentException unknown) {
                return key;
            }
        }
        return METRICS.getOrDefault(key, key);
    }

    /** A metric's value as shown: money in yuan with two decimals, counts as they are. */
    public static String value(String key, long value) {
        return key.endsWith("Fen") ? java.math.BigDecimal.valueOf(value, 2).toPlainString() : Long.toString(value);
    }
}
