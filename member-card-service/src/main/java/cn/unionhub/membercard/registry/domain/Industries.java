package cn.unionhub.membercard.registry.domain;

import java.util.Map;
import java.util.Optional;

/** The 20 sections (门类) of GB/T 4754-2017, the national classification of economic activities. */
public final class Industries {

    private static final Map<String, String> SECTIONS = Map.ofEntries(
            Map.entry("A", "农、林、牧、渔业"), Map.entry("B", "采矿业"), Map.entry("C", "制造业"),
            Map.entry("D", "电力、热力、燃气及水生产和供应业"), Map.entry("E", "建筑业"), Map.entry("F", "批发和零售业"),
            Map.entry("G", "交通运输、仓储和邮政业"), Map.entry("H", "住宿和餐饮业"),
            Map.entry("I", "信息传输、软件和信息技术服务业"), Map.entry("J", "金融业"), Map.entry("K", "房地产业"),
            Map.entry("L", "租赁和商务服务业"), Map.entry("M", "科学研究和技术服务业"),
            Map.entry("N", "水利、环境和公共设施管理业"), Map.entry("O", "居民服务、修理和其他服务业"),
            Map.entry("P", "教育"), Map.entry("Q", "卫生和社会工作"), Map.entry("R", "文化、体育和娱乐业"),
            Map.entry("S", "公共管理、社会保障和社会组织"), Map.entry("T", "国际组织"));

    private Industries() {
    }

    /** The section letter, given the letter (any case) or the section's Chinese name. */
    public static Optional<String> section(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.length() == 1 && SECTIONS.containsKey(t.toUpperCase())) {
            return Optional.of(t.toUpperCase());
        }
        return SECTIONS.entrySet().stream().filter(e -> e.getValue().equals(t)).map(Map.Entry::getKey).findFirst();
    }

    /** The section's Chinese name; {@code null} for no section. */
    public static String name(String section) {
        return section == null ? null : SECTIONS.get(section);
    }
}
