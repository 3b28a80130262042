package cn.unionhub.platform.identity;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks personal data for responses and logs: {@code 138****5678}, {@code 3301**********1234}. */
public final class Masking {

    /** Mobile numbers and resident ids standing alone (not inside a longer run of digits). */
    private static final Pattern MOBILE_IN_TEXT = Pattern.compile("(?<![0-9])1[3-9]\\d{9}(?![0-9])");
    private static final Pattern RESIDENT_ID_IN_TEXT = Pattern.compile("(?<![0-9A-Za-z])\\d{17}[0-9Xx](?![0-9A-Za-z])");
    /** A landline with its area code (0574-86881234, 057486881234, 010-12345678): area code kept, the number masked. */
    private static final Pattern LANDLINE_IN_TEXT = Pattern.compile("(?<![0-9])(0\\d{2,3})-?(\\d{3,4})(\\d{4})(?![0-9])");

    private Masking() {
    }

    public static String mobile(String phone) {
        if (phone == null || phone.length() < 7) {
            return phone == null ? null : "****";
        }
        return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }

    public static String residentId(String id) {
        if (id == null || id.length() < 8) {
            return id == null ? null : "****";
        }
        return id.substring(0, 4) + "*".repeat(id.length() - 8) + id.substring(id.length() - 4);
    }

    /** Masks every resident id and mobile number found in free text, e.g. a log line. */
    public static String inText(String text) {
        if (text == null || text.length() < 11) {
            return text;
        }
        String masked = replace(RESIDENT_ID_IN_TEXT.matcher(text), true);
        masked = replace(MOBILE_IN_TEXT.matcher(masked), false);
        // Landlines too (a caller's home or shop number was kept in full in a hash-chained history, exploratory test,
        // 2026-12-05): the area code and the last four digits stay, as a mobile's do.
        return LANDLINE_IN_TEXT.matcher(masked).replaceAll("$1-****$3");
    }

    /**
     * Masks a text that staff wrote and the public reads (an enterprise page's "what was done"):
     * numbers as {@link #inText}, every name the caller knows belongs to the people concerned, and
     * names written the way case notes write them — after a role ("职工张三反映", "骑手王小明") or before
     * "等", "师傅", "同志" ("张三等12人"). A name keeps its surname: "职工张某反映", "张某等12人". Free text
     * can name people in ways no pattern finds, so staff are still told not to; this catches the
     * usual ones. Masking a masked text changes nothing.
     */
    public static String inPublishedText(String text, java.util.Collection<String> knownNames) {
        if (text == null || text.isBlank()) {
            return text;
        }
        String masked = inText(text);
        for (String name : knownNames) {
            if (name != null && name.strip().length() >= 2) {
                masked = masked.replace(name.strip(), surnameOf(name.strip()) + "某");
            }
        }
        for (Pattern pattern : List.of(NAME_AFTER_ROLE, NAME_BEFORE_GROUP)) {
            Matcher matcher = pattern.matcher(masked);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String given = matcher.group("given");
                if (NOT_NAMES.stream().anyMatch((matcher.group("surname") + given)::startsWith)) {
                    matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group()));
                    continue;
                }
                // A two-character match whose second character is a common word ("张三反映", "李强已") is a one-character name.
                int length = given.length() == 2 && NOT_IN_NAMES.indexOf(given.charAt(1)) >= 0 ? 1 : given.length();
                matcher.appendReplacement(out, Matcher.quoteReplacement(
                        matcher.group("before") + matcher.group("surname") + "某" + given.substring(length)));
            }
            matcher.appendTail(out);
            masked = out.toString();
        }
        return masked;
    }

    /** The surname of a full name: a compound surname's two characters, else the first. */
    private static String surnameOf(String name) {
        return COMPOUND_SURNAMES.stream().filter(name::startsWith).findFirst().orElse(name.substring(0, 1));
    }

    private static final List<String> COMPOUND_SURNAMES = List.of("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容",
            "司徒", "夏侯", "尉迟", "公孙", "长孙", "宇文", "端木", "南宫");
    /** The hundred most common surnames, which name about 85 % of people in China. */
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
            + "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private static final String ROLES = "职工|员工|工人|骑手|快递员|外卖员|送餐员|配送员|司机|保洁员|环卫工|劳动者|农民工|工友|会员"
            + "|当事人|投诉人|申请人|反映人|举报人|来电人|来访人";
    private static final String SURNAME = "(?<surname>" + String.join("|", COMPOUND_SURNAMES) + "|[" + SURNAMES + "])";
    private static final Pattern NAME_AFTER_ROLE = Pattern.compile(
            "(?<before>(?:" + ROLES + "))" + SURNAME + "(?<given>[\\u4e00-\\u9fa5]{1,2})");
    private static final Pattern NAME_BEFORE_GROUP = Pattern.compile(
            "(?<before>)" + SURNAME + "(?<given>[\\u4e00-\\u9fa5]{1,2})(?=等[0-9一二三四五六七八九十百千]*[名人]|师傅|同志)");
    /** Words of case notes that begin with a surname's character: never a name. */
    private static final List<String> NOT_NAMES = List.of("高温", "方面", "方式", "方案", "方法", "金额", "马上", "白天", "万元",
            "余额", "程序", "任务", "任何", "向前", "江苏", "江西", "夏季", "夏天", "安全", "于是", "周末", "周一", "周二", "周三",
            "周四", "周五", "周六", "周日", "林业", "石化", "龙头", "黄金", "钱款", "严重", "武汉", "贺卡", "毛利", "段时");
    /** Characters that follow a name in case notes far more often than they end one. */
    private static final String NOT_IN_NAMES = "反说称等的于在已被向和与及为是将要来去到了着过也都就讲表诉提称某";

    private static String replace(Matcher matcher, boolean residentId) {
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String found = matcher.group();
            matcher.appendReplacement(out, Matcher.quoteReplacement(residentId ? residentId(found) : mobile(found)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
