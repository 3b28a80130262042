package cn.unionhub.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./unionhub demo}: the source reports' stories played through the public API of a running
 * local platform, as the people in them would (never written into a database), so the dashboards,
 * bulletins, enterprise pages and ledgers show real shapes:
 * <ul>
 * <li>镇海区's pilot (seed 000): 20 enterprises, 5,000 reviews, 300 suggestions, 260 of them answered and
 * resolved by the enterprise's union chair and rated by the worker;</li>
 * <li>青岛's 12351 hotline (seed 004): wage-arrears orders filed and worked by the 崂山区 mediation centre,
 * some of them for hundreds of workers, which raise collective-dispute warnings.</li>
 * </ul>
 * Idempotent: every submission carries an Idempotency-Key and every hotline order a reference derived
 * from its place in the story, and every step looks at where an item stands before acting, so a
 * second run adds nothing (and an interrupted one completes the rest).
 */
public final class Demo {

    /**
     * How much of the story to play: the seed's figures by default ({@link #SEED}); the end-to-end
     * test plays a small part of it.
     */
    public record Sizes(int reviewsPerEnterprise, int suggestionsPerEnterprise, int resolvedPerEnterprise, int hotlineOrders,
            int hotlineClosed, int sanitationWorkers, int welders) {
    }

    /**
     * 20 enterprises × 250 reviews = 5,000; × 15 suggestions = 300, of which 13 each = 260 resolved; 30 hotline calls;
     * 崂山区's 2,725 sanitation workers with a 300-yuan coupon each (seed 001); 30 welders in 镇海区's contest.
     */
    public static final Sizes SEED = new Sizes(250, 15, 13, 30, 20, 2725, 30);
    private static final String QINGDAO_HANDLER = "handler-qingdao";
    private static final Pattern CASE_NUMBER = Pattern.compile("GD-[0-9A-Z-]+");

    /** What a review says, with the category it is mostly about. */
    private static final String[][] REVIEWS = {
            {"OTHER", "工资按时发放，加班费也能算清楚。"}, {"CANTEEN_DORMITORY_COMMUTE", "食堂饭菜品种少，希望多些选择。"},
            {"WORKING_CONDITIONS", "车间通风不错，劳保用品发得及时。"}, {"SKILLS_TRAINING", "工会组织的培训很实用。"},
            {"CANTEEN_DORMITORY_COMMUTE", "宿舍有点挤，夏天空调不够。"}, {"DEMOCRATIC_CONSULTATION", "职代会上提的建议有回音。"},
            {"WELFARE_BENEFITS", "节日福利比去年少了。"}, {"WORKING_CONDITIONS", "班组长态度好，有事好商量。"},
            {"WELFARE_BENEFITS", "夜班补贴标准希望再提高一些。"}, {"CANTEEN_DORMITORY_COMMUTE", "上下班班车准点，很方便。"}};
    private static final String[][] SUGGESTIONS = {
            {"CANTEEN_DORMITORY_COMMUTE", "建议食堂晚班延长供餐时间，夜班职工下班后能吃上热饭。"},
            {"WORKING_CONDITIONS", "建议车间增加降温设备，夏季高温时段调整作息。"},
            {"SKILLS_TRAINING", "建议开设电工、焊工技能培训班，帮助职工考取等级证书。"},
            {"WELFARE_BENEFITS", "建议为职工子女开设暑期托管班。"},
            {"DEMOCRATIC_CONSULTATION", "建议厂务公开栏每月更新，加班安排提前公示。"},
            {"CANTEEN_DORMITORY_COMMUTE", "建议增开一趟通勤班车，覆盖新城小区。"}};
    private static final String[] ANSWERS = {
            "已把大家的意见反映给公司管理层，正在研究方案。", "工会已与行政部门协商，下周给出具体安排。"};
    private static final String[] RESOLUTIONS = {
            "公司已采纳建议，自下月起执行。", "经工会与公司协商，已落实整改并在厂务公开栏公示。"};

    private final StackConfig config;
    private final PrintStream out;
    private final Sizes sizes;
    /**
     * Steps finished by an earlier run ({@code <data>/demo/steps.tsv}): only to spare a second run the
     * gateway's per-user limits; what makes a second run add nothing is the API's idempotency.
     */
    private final Map<String, String> done = new ConcurrentHashMap<>();
    private java.io.Writer journal;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    Demo(StackConfig config, PrintStream out) {
        this(config, out, SEED);
    }

    public Demo(StackConfig config, PrintStream out, Sizes sizes) {
        this.config = config;
        this.out = out;
        this.sizes = sizes;
    }

    /** One enterprise of the pilot: its union chair's account and its workers' accounts. */
    record PilotEnterprise(String uscc, String chair, List<String> workers) {

        String worker(int n) {
            return workers.get(n % workers.size());
        }
    }

    /** Members per enrolment request. */
    private static final int ENROLMENT_BATCH = 250;

    public int run() {
        if (status(config.gatewayUrl() + "/api/v1/feedback/categories") != 200) {
            out.println("UnionHub 未在运行 / is not running: start it with ./unionhub up, then run ./unionhub demo.");
            return Launcher.NOT_RUNNING_FOR_DEMO;
        }
        List<PilotEnterprise> pilot = pilot();
        long started = System.nanoTime();
        openJournal();
        out.println("演示数据 / demo data — through the gateway at " + config.gatewayUrl());
        // Many threads: most of their time is spent waiting for the platform, some for the gateway's limits.
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            // Enterprise by enterprise in turn, so that consecutive requests come from different people.
            int total = pilot.size() * sizes.reviewsPerEnterprise();
            runAll(pool, "镇海区职工评价 / reviews", total, i -> step(key("review", pilot, i),
                    () -> review(pilot.get(i % pilot.size()), i / pilot.size())));
            int suggestions = pilot.size() * sizes.suggestionsPerEnterprise();
            runAll(pool, "镇海区职工建议 / suggestions", suggestions, i -> step(key("suggestion", pilot, i),
                    () -> suggestion(pilot.get(i % pilot.size()), i / pilot.size())));
            runAll(pool, "建议办结与评价 / answered, resolved, rated", suggestions, i -> {
                if (i / pilot.size() < sizes.resolvedPerEnterprise()) {
                    step(key("resolved", pilot, i), () -> {
                        resolve(pilot.get(i % pilot.size()), i / pilot.size(), done.get(key("suggestion", pilot, i)));
                        return "";
                    });
                }
            });
            stations();
            welfare();
            hardship();
            contests();
            List<String> qingdao = qingdaoEnterprises();
            runAll(pool, "青岛12351热线工单 / hotline orders", sizes.hotlineOrders(), i -> step("hotline:" + i, () -> {
                hotlineOrder(qingdao, i);
                return "";
            }));
        } finally {
            pool.shutdownNow();
            closeJournal();
        }
        out.printf("演示数据已就绪 / demo data loaded in %ds. Try: the 镇海区 bulletin (staff-chen-jing) "
                + "GET /api/v1/feedback/bulletins/330211/<yyyy-MM>, an enterprise page GET /api/v1/feedback/enterprises/%s, "
                + "青岛's collective-dispute warnings (staff-qingdao-city) GET /api/v1/alerts/warnings, 青岛's hotline ledger (handler-qingdao) GET /api/v1/cases/ledgers/wage-arrears-closed, "
                + "the nearest open station GET /api/v1/stations/nearest?latitude=24.4565&longitude=118.0725&datum=GCJ02, "
                + "于海's wallet and coupon (worker-yu-hai) GET /api/v1/welfare/wallet, 张庆国's 特困职工证 (worker-zhang-qingguo) GET /api/v1/welfare/hardship/certificates/mine, the welding contest's and the craftsman batch's public notices (printed above), Grafana's dashboards.%n",
                (System.nanoTime() - started) / 1_000_000_000L, pilot.get(0).uscc());
        return Launcher.OK;
    }

    // ---------------------------------------------------------------- the stories

    /** 长春's 7 districts and how many of its 341 stations each has (seed 001). */
    private static final String[][] CHANGCHUN = {{"220102", "南关区", "68"}, {"220103", "宽城区", "52"}, {"220104", "朝阳区", "61"},
            {"220105", "二道区", "49"}, {"220106", "绿园区", "47"}, {"220112", "双阳区", "31"}, {"220113", "九台区", "33"}};
    private static final String[] STREETS = {"人民大街", "自由大路", "解放大路", "亚泰大街", "西安大路", "南湖大路", "繁荣路", "春城大街"};
    private static final String[] PARTNERS = {"SELF_BUILT", "CO_BUILT_BANK", "CO_BUILT_POST_OFFICE", "CO_BUILT_POWER_COMPANY",
            "CO_BUILT_MALL"};
    private static final String[] HOURS = {"24/7", "Mo-Su 08:00-20:00", "Mo-Fr 08:00-18:00; PH off", "Mo-Su 07:00-22:00; PH 09:00-17:00"};
    private static final String[] SERVICES = {"REST|DRINKING_WATER|HEATING|FOOD_HEATING", "REST|DRINKING_WATER|PHONE_CHARGING|RESTROOM",
            "HEATING|DRINKING_WATER|PHONE_CHARGING|WIFI|READING", "REST|FOOD_HEATING|FIRST_AID|UMBRELLA_LENDING|LEGAL_AID"};

    /**
     * Stations (seeds 001 and 003): 福建's with their unified numbers, and 长春's 341 on the e-map, imported
     * by an administrator (the same file twice changes nothing); a health check at 中山公园电力驿站.
     */
    private void stations() {
        step("stations:fujian", () -> importStations(readResource("/demo/fujian-stations.csv"), "福建服务站点 / 福建 stations"));
        step("stations:changchun", () -> importStations(changchunStations(), "长春服务站点 / 长春 stations"));
        step("stations:health-check", () -> {
            String manager = token("manager-fj-350203-0002");
            JsonNode upcoming = read(get("/api/v1/stations/FJ-350203-0002/activities", manager));
            for (JsonNode activity : upcoming) {
                if (activity.path("title").asText().equals("户外劳动者免费健康体检")) {
                    return activity.path("id").asText();
                }
            }
            java.time.Instant starts = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(7)
                    .atTime(9, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant();
            ObjectNode body = json.createObjectNode().put("title", "户外劳动者免费健康体检")
                    .put("description", "血压、血糖、心电图检查，厦门市思明区总工会与社区卫生服务中心联合举办")
                    .put("startsAt", starts.toString()).put("endsAt", starts.plusSeconds(4 * 3_600).toString()).put("capacity", 30);
            HttpResponse<String> published = post("/api/v1/stations/FJ-350203-0002/activities", manager, body);
            expect(published, 201);
            return read(published).path("id").asText();
        });
    }

    private static final String LAOSHAN = "370212";
    private static final String CAMPAIGN = "laoshan-2026-sanitation";
    /** 于海, the sanitation worker of the demo account worker-yu-hai (the same identity the end-to-end test uses). */
    private static final String YU_HAI_ID = "370212198001012000";
    /** The phone his demo account's sign-in verified (identity-server's application-local.yml): linking compares it. */
    private static final String YU_HAI_MOBILE = "13953200001";

    /**
     * Seed 001, 崂山区: the district union funds its account, registers its campaign merchants, enrols its
     * sanitation workers in their joint union, and grants each a 300-yuan coupon (满100减20) in one batch
     * from the campaign's budget; 于海 holds a member service card and spends 350 yuan at 崂山惠民超市,
     * paying 290. Every step is keyed, so a second run changes nothing.
     */
    private void welfare() {
        String staff = token("staff-laoshan");
        step("welfare:accounts", () -> {
            expect(post("/api/v1/welfare/accounts", staff, json.createObjectNode().put("kind", "SETTLEMENT").put("owner", LAOSHAN)
                    .put("label", "崂山区总工会银行存款")), 201);
            expect(post("/api/v1/welfare/accounts", staff, json.createObjectNode().put("kind", "UNION_FUND").put("owner", LAOSHAN)
                    .put("label", "崂山区总工会经费")), 201);
            // A million yuan from the bank takes two people: the district's clerk proposes it, the city union's administrator
            // confirms it (the limit is per person and day, and the day may have seen other entries).
            String held = read(expectOne(post("/api/v1/welfare/transfers", staff, transfer("settlement:" + LAOSHAN, "fund:" + LAOSHAN,
                    100_000_000L, "funding").put("kind", "HOLD").put("holdSeconds", 86_400), "demo-laoshan-funding-hold"), 201))
                    .path("id").asText();
            expect(post("/api/v1/welfare/transfers", token("admin-zhou"), json.createObjectNode().put("kind", "POST").put("holdId", held),
                    "demo-laoshan-funding-post"), 201);
            return "";
        });
        step("welfare:merchants", () -> {
            // Numbered in order per district: the first two of 崂山区 are the campaign's (registered here unless they exist).
            String[][] merchants = {{"崂山惠民超市", "超市", "崂山区海尔路 1 号"}, {"崂山百姓大药房", "药店", "崂山区香港东路 88 号"}};
            for (int i = 0; i < merchants.length; i++) {
                if (get("/api/v1/merchants/" + LAOSHAN + "-000" + (i + 1), staff).statusCode() == 404) {
                    expect(post("/api/v1/merchants", staff, json.createObjectNode().put("name", merchants[i][0])
                            .put("category", merchants[i][1]).put("address", merchants[i][2])), 201);
                }
            }
            return LAOSHAN + "-0001";
        });
        String union = read(expectOne(post("/api/v1/registry/unions", staff, json.createObjectNode().put("kind", "JOINT_UNION")
                .put("name", "崂山区环卫工人联合工会").put("district", LAOSHAN).put("trade", "环卫").put("chairName", "孙立华")
                .put("chairMobile", "13912345678")), 200, 201)).path("id").asText();
        List<String> members = new ArrayList<>();
        int workers = sizes.sanitationWorkers();
        // 250 a request: a thousand took more than the route's 30 s on a busy 2-core machine.
        for (int from = 0; from < workers; from += ENROLMENT_BATCH) {
            com.fasterxml.jackson.databind.node.ArrayNode rows = json.createArrayNode();
            for (int n = from; n < Math.min(workers, from + ENROLMENT_BATCH); n++) {
                ObjectNode row = rows.addObject().put("name", n == 0 ? "于海" : "环卫工" + n).put("idNumber", n == 0 ? YU_HAI_ID : sanitationWorkerId(n))
                        .put("workerGroup", "农民工");
                if (n == 0) {
                    row.put("mobile", YU_HAI_MOBILE); // the number his sign-in verified: he links his membership with it
                }
            }
            // Enrolment is idempotent by ID number, so a batch the gateway gave up on is simply sent again.
            HttpResponse<String> enrolled = retryingWhileUnavailable(() -> post("/api/v1/members/enrolments?union=" + union, staff, rows));
            expect(enrolled, 200);
            read(enrolled).forEach(row -> members.add(row.path("memberId").asText()));
        }
        step("welfare:yu-hai", () -> {
            String yuHai = token("worker-yu-hai");
            expect(post("/api/v1/members/me/link", yuHai, json.createObjectNode().put("idNumber", YU_HAI_ID).put("name", "于海")), 200);
            expect(post("/api/v1/member-cards", staff, json.createObjectNode().put("memberId", members.get(0))
                    .put("cardType", "MEMBER_SERVICE_CARD")), 201, 409);
            for (JsonNode card : read(get("/api/v1/member-cards/mine", yuHai))) {
                String number = card.path("number").asText();
                if (card.path("status").asText().equals("ISSUED")) {
                    expect(post("/api/v1/member-cards/" + number + "/activation", yuHai, json.createObjectNode()), 200);
                    return number;
                }
                if (card.path("status").asText().equals("ACTIVE")) {
                    return number;
                }
            }
            throw new IllegalStateException("于海 has no usable member service card");
        });
        step("welfare:campaign", () -> {
            String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
            ObjectNode campaign = json.createObjectNode().put("id", CAMPAIGN).put("name", "崂山区环卫工人专享消费券").put("thresholdFen", 10_000)
                    .put("discountFen", 2_000).put("firstDay", today)
                    .put("lastDay", java.time.LocalDate.parse(today).plusMonths(3).toString());
            campaign.putArray("tiersFen").add(10_000).add(20_000).add(30_000);
            campaign.putArray("merchants").add(LAOSHAN + "-0001").add(LAOSHAN + "-0002");
            expect(post("/api/v1/welfare/campaigns", staff, campaign), 201, 409); // 409: made by a run whose journal is gone
            expect(post("/api/v1/welfare/transfers", staff, transfer("fund:" + LAOSHAN, "budget:" + CAMPAIGN, 30_000L * workers,
                    "campaign-budget"), "demo-laoshan-budget"), 201);
            ObjectNode grant = json.createObjectNode().put("tierFen", 30_000);
            members.forEach(grant.putArray("members")::add);
            JsonNode granted = read(expectOne(post("/api/v1/welfare/campaigns/" + CAMPAIGN + "/grants", staff, grant, "demo-2026"), 201));
            out.printf("  崂山区环卫工人消费券 / coupons: %d × 300 yuan granted (%s)%n", granted.path("granted").asInt(),
                    granted.path("status").asText());
            return granted.path("status").asText();
        });
        step("welfare:redemption", () -> {
            String till = tillToken(LAOSHAN + "-0001");
            String card = done.get("welfare:yu-hai");
            // 于海's app fetches the card's pay key once and shows the pay code the till scans beside the card number.
            String key = read(expectOne(post("/api/v1/member-cards/" + card + "/pay-key", token("worker-yu-hai"), json.createObjectNode()),
                    201)).path("secret").asText();
            ObjectNode purchase = json.createObjectNode().put("orderNo", "DEMO-0001").put("card", card).put("payCode", PayCodeApp.code(key))
                    .put("spendFen", 35_000);
            JsonNode held = read(expectOne(post("/api/v1/merchants/" + LAOSHAN + "-0001/redemptions", till, purchase), 201));
            expect(post("/api/v1/merchants/" + LAOSHAN + "-0001/redemptions/DEMO-0001/payment", till, json.createObjectNode()), 200);
            out.printf("  于海 spends 350 yuan at 崂山惠民超市: %d fen off, pays %d fen%n", held.path("discountFen").asLong(),
                    held.path("payFen").asLong());
            return held.path("id").asText();
        });
    }

    /**
     * Seed 000, 临沂 兰山区: 恒昌纺织's union applies for a 特困职工证 for 张庆国 (老张), whose household of three
     * lived on 600 yuan a head for six months; the district union verifies, the city union issues; at the
     * heating window 85 m² at 23 yuan (1,955 yuan) comes to 425 yuan less. Each part looks first at where
     * the file stands, so a second run changes nothing.
     */
    private void hardship() {
        step("hardship:lao-zhang", () -> {
            String staff = token("staff-linyi-lanshan");
            String chair = token("chair-linyi-hengchang");
            String worker = token("worker-zhang-qingguo");
            String city = token("admin-zhou");
            expect(post("/api/v1/registry/enterprises", staff, json.createObjectNode().put("uscc", LINYI_HENGCHANG)
                    .put("name", "临沂兰山恒昌纺织有限公司").put("district", LANSHAN).put("industry", "C").put("size", "SMALL")), 201, 409);
            String union = read(expectOne(post("/api/v1/registry/unions", staff, json.createObjectNode().put("kind", "GRASSROOTS_UNION")
                    .put("name", "临沂兰山恒昌纺织有限公司工会").put("enterprise", LINYI_HENGCHANG).put("chairName", "刘红")
                    .put("chairMobile", "13905390000")), 200, 201)).path("id").asText();
            com.fasterxml.jackson.databind.node.ArrayNode rows = json.createArrayNode();
            rows.addObject().put("name", "张庆国").put("idNumber", ZHANG_QINGGUO_ID).put("workerGroup", "职工").put("mobile", ZHANG_QINGGUO_MOBILE);
            String member = read(expectOne(post("/api/v1/members/enrolments?union=" + union, staff, rows), 200)).path(0)
                    .path("memberId").asText();
            expect(post("/api/v1/members/me/link", worker, json.createObjectNode().put("idNumber", ZHANG_QINGGUO_ID)
                    .put("name", "张庆国")), 200);
            if (get("/api/v1/welfare/hardship/certificates/mine", worker).statusCode() == 404) {
                ObjectNode application = json.createObjectNode().put("memberId", member);
                ObjectNode facts = application.putObject("facts").put("householdSize", 3)
                        .put("note", "妻子长期患病，儿子上学，一人收入维持三口之家");
                java.time.YearMonth month = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai"));
                for (int back = 6; back >= 1; back--) {
                    facts.withArray("incomes").addObject().put("month", month.minusMonths(back).toString()).put("perHeadFen", 60_000);
                }
                expect(post("/api/v1/welfare/hardship/applications", chair, application), 201);
            }
            JsonNode mine = read(expectOne(get("/api/v1/welfare/hardship/certificates/mine", worker), 200));
            String path = "/api/v1/welfare/hardship/applications/" + mine.path("application").path("id").asText();
            if (mine.path("application").path("status").asText().equals("SUBMITTED")) {
                expect(post(path + "/verification", staff, json.createObjectNode().put("outcome", "VERIFIED")), 200);
            }
            String number = read(expectOne(post(path + "/decision", city, json.createObjectNode().put("outcome", "ISSUED")), 200))
                    .path("certificate").path("number").asText();
            JsonNode heating = read(expectOne(get("/api/v1/welfare/hardship/certificates/" + number
                    + "/concessions/heating?quantity=85&priceFenPerUnit=2300", city), 200));
            out.printf("  张庆国 特困职工证 %s: heating 85 m² × 23 yuan = %d fen, %d fen off%n", number, heating.path("amountFen").asLong(),
                    heating.path("discountFen").asLong());
            return number;
        });
    }

    /** 镇海区's three enterprises whose unions enter welders (the chairs chair-zh-02 … 04 of the pilot). */
    private static final String[][] WELDING_ENTERPRISES = {{"chair-zh-02", "91330211MAEUHUXQEB", "镇海石化设备制造"},
            {"chair-zh-03", "91330211MAEGUJ65R7", "镇海港埠装卸"}, {"chair-zh-04", "91330211MAGFLKR53R", "蛟川精密机械"}};

    /**
     * Seeds 000 and 002: 镇海区's welding contest (十百千, county tier) feeding 宁波's city contest; thirty
     * welders entered by their enterprise unions, four judges (one never scoring his own enterprise's
     * welders), every score on the hash-chained ledger, the ranking and its public notice; and 宁波's
     * craftsman batch with the best welder nominated by his union, reviewed, scored by three experts and
     * on public notice. The notices run for working days, so results become final later.
     */
    private void contests() {
        step("contests:zhenhai-welding", () -> {
            String city = token("staff-ningbo-city");
            String county = token("staff-chen-jing");
            int year = java.time.Year.now(java.time.ZoneId.of("Asia/Shanghai")).getValue();
            String closes = java.time.Instant.now().plus(java.time.Duration.ofDays(3)).toString();
            String cityId = read(expectOne(post("/api/v1/contests", city, parse(contest(year + "年宁波市职工职业技能大赛", "CITY", "330200",
                    year, closes, ""))), 201)).path("id").asText();
            JsonNode countyContest = read(expectOne(post("/api/v1/contests", county, parse(contest(year + "年镇海区职工职业技能大赛", "COUNTY",
                    "330211", year, closes, ",\"advancement\":{\"contestId\":\"" + cityId + "\",\"quota\":10,\"tieRule\":\"INCLUDE_TIED\"}"))),
                    201));
            expect(post("/api/v1/contests/" + cityId + "/publication", city, json.createObjectNode()), 200);
            expect(post("/api/v1/contests/" + countyContest.path("id").asText() + "/publication", county, json.createObjectNode()), 200);
            String event = "/api/v1/contests/events/" + countyContest.path("events").get(0).path("id").asText();
            List<String> entries = new ArrayList<>();
            int welders = Math.min(sizes.welders(), WELDERS.length);
            // The welders are members of their enterprise's union (an enterprise union enters only its own members,
            // checked against contest-service's copy of the register): enrolled first, idempotent by identity number.
            for (int e = 0; e < WELDING_ENTERPRISES.length; e++) {
                String union = read(expectOne(post("/api/v1/registry/unions", county, json.createObjectNode().put("kind", "GRASSROOTS_UNION")
                        .put("name", "宁波" + WELDING_ENTERPRISES[e][2] + "有限公司工会").put("enterprise", WELDING_ENTERPRISES[e][1])),
                        200, 201)).path("id").asText();
                com.fasterxml.jackson.databind.node.ArrayNode rows = json.createArrayNode();
                for (int i = 0; i < welders; i++) {
                    if (i * WELDING_ENTERPRISES.length / welders == e) {
                        rows.addObject().put("name", WELDERS[i]).put("idNumber", welderId(i)).put("workerGroup", "职工");
                    }
                }
                expect(retryingWhileUnavailable(() -> post("/api/v1/members/enrolments?union=" + union, county, rows)), 200);
            }
            for (int i = 0; i < welders; i++) {
                String[] at = WELDING_ENTERPRISES[i * WELDING_ENTERPRISES.length / welders];
                JsonNode form = parse("""
                        {"idNumber":"%s","name":"%s","employment":"EMPLOYEE","enterprise":"%s","enterpriseName":"%s"}"""
                        .formatted(welderId(i), WELDERS[i], at[1], at[2]));
                String entry = read(expectOne(onceRegistered(() -> post(event + "/registrations", token(at[0]), form)), 201))
                        .path("id").asText();
                expect(post("/api/v1/contests/registrations/" + entry + "/approval", county, json.createObjectNode()), 200);
                entries.add(entry);
            }
            for (String judge : List.of("{\"account\":\"judge-chief-he\",\"name\":\"何建国\",\"chief\":true}",
                    "{\"account\":\"judge-teacher-xu\",\"name\":\"徐敏\"}", "{\"account\":\"judge-college-ma\",\"name\":\"马立新\"}",
                    "{\"account\":\"judge-zh-shihua\",\"name\":\"钱伟\",\"enterprise\":\"" + WELDING_ENTERPRISES[0][1] + "\"}")) {
                expect(post(event + "/judges", county, parse(judge)), 200);
            }
            String chief = token("judge-chief-he");
            String teacher = token("judge-teacher-xu");
            String college = token("judge-college-ma");
            java.util.Random marks = new java.util.Random(2026);
            for (String entry : entries) {
                expect(post(event + "/scores", chief, score(entry, "THEORY", null, 60 + marks.nextInt(38))), 201);
                expect(post(event + "/scores", chief, parse("{\"registrationId\":\"" + entry + "\",\"item\":\"TIME_USED\",\"value\":\""
                        + (4800 + 60 * marks.nextInt(40)) + "\"}")), 201);
                expect(post(event + "/scores", teacher, score(entry, "ASPECT", "A1", 20 + marks.nextInt(20))), 201);
                int appearance = 35 + marks.nextInt(22);
                for (String judge : List.of(chief, teacher, college)) {
                    expect(post(event + "/scores", judge, score(entry, "ASPECT", "A2", appearance + marks.nextInt(3))), 201);
                }
            }
            expect(post(event + "/results/notice", county, json.createObjectNode()), 200);
            out.printf("  镇海区焊工比赛 / welding contest: %d welders scored and on public notice (GET %s/results/notice)%n", welders,
                    event);
            return event;
        });
        step("craftsmen:ningbo", () -> {
            String city = token("staff-ningbo-city");
            int year = java.time.Year.now(java.time.ZoneId.of("Asia/Shanghai")).getValue();
            String batch = read(expectOne(post("/api/v1/craftsmen/batches", city, parse("""
                    {"title":"%d年度宁波工匠","tier":"CITY","region":"330200","year":%d,"organiser":"宁波市总工会",
                     "nominationsCloseAt":"%s","expertsRequired":3,"quota":10,"noticeWorkingDays":5}""".formatted(year, year,
                    java.time.Instant.now().plus(java.time.Duration.ofDays(30))))), 201)).path("id").asText();
            for (String[] expert : new String[][] {{"judge-chief-he", "何建国"}, {"judge-teacher-xu", "徐敏"}, {"judge-college-ma", "马立新"}}) {
                expect(post("/api/v1/craftsmen/batches/" + batch + "/experts", city, parse("{\"account\":\"" + expert[0] + "\",\"name\":\""
                        + expert[1] + "\"}")), 200);
            }
            // A welder of 镇海港埠装卸 (the contest's step enrolled them in its union: a unit nominates only its own members).
            String[] unit = WELDING_ENTERPRISES[1];
            int nominee = Math.min(sizes.welders(), WELDERS.length) / WELDING_ENTERPRISES.length;
            String nomination = read(expectOne(post("/api/v1/craftsmen/batches/" + batch + "/nominations", token(unit[0]), parse("""
                    {"idNumber":"%s","name":"%s","enterprise":"%s","enterpriseName":"%s","occupation":"焊工",
                     "achievements":"扎根港口设备焊接维修二十年，带徒三十余人，主持岸桥大梁焊接工艺改进"}"""
                    .formatted(welderId(nominee), WELDERS[nominee], unit[1], unit[2]))), 201)).path("id").asText();
            String path = "/api/v1/craftsmen/nominations/" + nomination;
            expect(post(path + "/self-evaluation", token(unit[0]), parse("{\"text\":\"坚持一线，解决岸桥焊接裂纹难题\"}")), 200);
            expect(post(path + "/review", city, parse("{\"outcome\":\"PASSED\",\"text\":\"材料齐全\"}")), 200);
            int mark = 90;
            for (String expert : List.of("judge-chief-he", "judge-teacher-xu", "judge-college-ma")) {
                expect(post(path + "/scores", token(expert), parse("{\"value\":\"" + (mark++) + ".00\"}")), 200);
            }
            // Every unit has sent its own: the office closes nominations (the notice waits for them to close).
            expect(post("/api/v1/craftsmen/batches/" + batch + "/nominations/closing", city, json.createObjectNode()), 200);
            expect(post("/api/v1/craftsmen/batches/" + batch + "/notice", city, json.createObjectNode()), 200);
            out.printf("  %d年度宁波工匠 / craftsman batch %s: %s on public notice (GET /api/v1/craftsmen/batches/%s/notice)%n", year, batch,
                    WELDERS[nominee], batch);
            return batch;
        });
    }

    private static final String[] WELDERS = {"王建军", "李志强", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄海涛", "周斌", "吴刚",
        "徐明", "孙涛", "马超", "朱林", "胡军", "郭亮", "何勇", "高峰", "林海", "罗成", "梁斌", "宋涛", "郑凯", "谢东", "韩冰",
        "唐伟", "冯刚", "于洋", "董浩", "萧然"};

    /** A valid identity number per welder (born in 镇海 in 1985; GB 11643 check character). */
    private static String welderId(int n) {
        return withCheckCharacter("3302111985" + String.format("%02d%02d%03d", 1 + n % 12, 1 + n % 28, 100 + n));
    }

    /** Theory 30 / practical 70: A1 measured (of 40), A2 judged by three (of 60, at most 5.00 apart). */
    private static String contest(String name, String tier, String region, int year, String closes, String advancement) {
        return """
                {"name":"%s","tier":"%s","region":"%s","year":%d,"organiser":"%s","noticeWorkingDays":5,
                 "events":[{"occupationCode":"6-18-02-04","occupationName":"焊工","theoryWeight":30,"practicalWeight":70,
                   "aspects":[{"code":"A1","name":"焊缝尺寸","kind":"MEASUREMENT","max":"40.00"},
                              {"code":"A2","name":"焊缝外观","kind":"JUDGEMENT","max":"60.00"}],
                   "timeLimit":"PT2H","maxSpread":"5.00","employeesOnly":true,"registrationClosesAt":"%s"}]%s}"""
                .formatted(name, tier, region, year, "CITY".equals(tier) ? "宁波市总工会" : "镇海区总工会", closes, advancement);
    }

    private JsonNode score(String entry, String item, String aspect, int points) {
        return parse("{\"registrationId\":\"" + entry + "\",\"item\":\"" + item + "\",\"aspect\":"
                + (aspect == null ? "null" : "\"" + aspect + "\"") + ",\"value\":\"" + points + ".00\"}");
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A distinct, valid identity number per sanitation worker (born in 崂山区 in 1975; GB 11643 check character). */
    static String sanitationWorkerId(int n) {
        return withCheckCharacter(String.format("3702121975%02d%02d%03d", 1 + n / 28_000, 1 + n / 1_000 % 28, n % 1_000));
    }

    /** The 17 digits with their GB 11643 check character. */
    private static String withCheckCharacter(String body) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    private static final String LANSHAN = "371302";
    private static final String LINYI_HENGCHANG = "91371302MA3CHT6K07";
    private static final String ZHANG_QINGGUO_ID = "371302196803152034";
    private static final String ZHANG_QINGGUO_MOBILE = "13905391688";

    private ObjectNode transfer(String debit, String credit, long fen, String code) {
        return json.createObjectNode().put("debitAccount", debit).put("creditAccount", credit).put("amountFen", fen).put("code", code);
    }

    /** The till of a merchant: its machine client of the local run (client credentials). */
    private String tillToken(String merchantId) {
        return tokens.computeIfAbsent("till:" + merchantId, name -> {
            String basic = java.util.Base64.getEncoder().encodeToString(("merchant-" + merchantId + ":local-demo-merchant-secret")
                    .getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(config.issuerUrl() + "/oauth2/token"))
                    .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
            expect(response, 200);
            return read(response).path("access_token").asText();
        });
    }

    /** The response if its status is one of these (a step that finds its work done answers differently), else fails. */
    private static HttpResponse<String> expectOne(HttpResponse<String> response, int... statuses) {
        expect(response, statuses);
        return response;
    }

    private String importStations(String csv, String title) {
        HttpResponse<String> imported = send(HttpRequest.newBuilder(URI.create(config.gatewayUrl() + "/api/v1/stations/imports"))
                .header("Content-Type", "text/csv").header("Authorization", "Bearer " + token("admin-zhou"))
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build());
        expect(imported, 200);
        JsonNode report = read(imported);
        out.printf("  %s: %d new, %d updated, %d unchanged, %d refused%n", title, report.path("created").asInt(),
                report.path("updated").asInt(), report.path("unchanged").asInt(), report.path("failed").asInt());
        return Integer.toString(report.path("created").asInt());
    }

    /** 长春's 341 stations, the same every run: positions spread over each district's centre, in GCJ-02. */
    static String changchunStations() {
        StringBuilder csv = new StringBuilder("number,name,type,district,address,latitude,longitude,datum,services,openingHours\n");
        java.util.Random random = new java.util.Random(341);
        for (String[] district : CHANGCHUN) {
            int count = Integer.parseInt(district[2]);
            for (int n = 1; n <= count; n++) {
                String street = STREETS[random.nextInt(STREETS.length)];
                double latitude = 43.8171 + (random.nextDouble() - 0.5) * 0.16;
                double longitude = 125.3235 + (random.nextDouble() - 0.5) * 0.22;
                csv.append(String.format(java.util.Locale.ROOT, "JL-%s-%04d,%s%s第%d户外劳动者驿站,%s,%s,长春市%s%s %d 号,%.5f,%.5f,GCJ02,%s,\"%s\"%n",
                        district[0], n, district[1], street, n, PARTNERS[random.nextInt(PARTNERS.length)], district[0], district[1],
                        street, 1 + random.nextInt(2000), latitude, longitude, SERVICES[random.nextInt(SERVICES.length)],
                        HOURS[random.nextInt(HOURS.length)]));
            }
        }
        return csv.toString();
    }

    private static String readResource(String name) {
        try (java.io.InputStream in = Demo.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String review(PilotEnterprise enterprise, int n) {
        Random random = new Random(enterprise.uscc().hashCode() * 31L + n);
        String[] review = REVIEWS[random.nextInt(REVIEWS.length)];
        ObjectNode body = json.createObjectNode().put("type", "REVIEW").put("category", review[0]).put("channel", channel(n))
                .put("enterprise", enterprise.uscc()).put("anonymous", n % 3 == 0).put("text", review[1]);
        ObjectNode ratings = body.putObject("ratings");
        int mood = 2 + random.nextInt(4); // how this worker sees the enterprise overall, 2–5 stars
        for (String dimension : List.of("PAY", "WELFARE", "WORKING_CONDITIONS", "DEMOCRATIC_MANAGEMENT", "SAFETY",
                "CANTEEN_DORMITORY_COMMUTE")) {
            ratings.put(dimension, Math.max(1, Math.min(5, mood + random.nextInt(3) - 1)));
        }
        return submit(enterprise.worker(n), "demo-review-" + enterprise.uscc() + "-" + n, body).path("trackingNumber").asText();
    }

    private String suggestion(PilotEnterprise enterprise, int n) {
        String[] suggestion = SUGGESTIONS[n % SUGGESTIONS.length];
        ObjectNode body = json.createObjectNode().put("type", "SUGGESTION").put("category", suggestion[0])
                .put("channel", channel(n)).put("enterprise", enterprise.uscc())
                // The ones the chair answers below are named: an anonymous worker's suggestion reaches the chair
                // only at the next release (every three hours, AnonymousRelease), long after the demo has ended.
                .put("anonymous", n >= sizes.resolvedPerEnterprise())
                .put("text", suggestion[1]);
        return submit(enterprise.worker(n), "demo-suggestion-" + enterprise.uscc() + "-" + n, body).path("trackingNumber").asText();
    }

    /** The chair answers and resolves the case the suggestion became; the worker rates it. */
    private void resolve(PilotEnterprise enterprise, int n, String tracking) {
        String worker = enterprise.worker(n);
        JsonNode item = awaitItem(worker, tracking, status -> !status.equals("RECEIVED"), Duration.ofMinutes(5)); // routed
        String status = item.path("status").asText();
        if (status.equals("ROUTED") || status.equals("ACCEPTED") || status.equals("RESPONDED")) {
            String caseNumber = caseNumberOf(item);
            String chair = token(enterprise.chair());
            if (!status.equals("RESPONDED")) {
                expect(post("/api/v1/cases/" + caseNumber + "/responses", chair,
                        json.createObjectNode().put("text", ANSWERS[n % ANSWERS.length])), 200);
            }
            expect(post("/api/v1/cases/" + caseNumber + "/resolution", chair, json.createObjectNode()
                    .put("outcome", "RESOLVED_BY_ENTERPRISE").put("summary", RESOLUTIONS[n % RESOLUTIONS.length])), 200);
            item = awaitItem(worker, tracking, "RESOLVED"::equals, Duration.ofMinutes(2));
            status = item.path("status").asText();
        }
        if (status.equals("RESOLVED")) {
            // Most are satisfied; every eighth is not, and the case goes one level up (issue #12).
            ObjectNode rating = n % 8 == 7
                    ? json.createObjectNode().put("rating", "NOT_SATISFIED").put("reason", "落实得不彻底，晚班还是没有热饭。")
                    : json.createObjectNode().put("rating", "SATISFIED");
            expect(post("/api/v1/feedback/submissions/" + tracking + "/satisfaction", token(worker), rating), 200);
        }
    }

    /**
     * A 12351 call about unpaid wages in 崂山区, filed by the mediation centre; every tenth is a group of
     * a few hundred couriers or sanitation workers (a collective dispute), the first two thirds are
     * worked to the end: accepted, answered, wages recovered, the caller called back.
     */
    private void hotlineOrder(List<String> enterprises, int n) {
        String handler = token(QINGDAO_HANDLER);
        boolean collective = n % 10 == 3;
        int workers = collective ? 120 + 40 * (n % 4) : 1 + n % 3;
        long owedFen = workers * (350_000L + 10_000L * (n % 7));
        ObjectNode order = json.createObjectNode().put("reference", String.format("12351-DEMO-QD-%04d", n + 1))
                .put("category", "WAGES_ARREARS").put("enterprise", enterprises.get(n % enterprises.size()))
                .put("district", "370212").put("workerGroup", n % 2 == 0 ? "GIG_WORKER" : "MIGRANT_WORKER")
                .put("amountOwedFen", owedFen).put("workersAffected", workers)
                .put("summary", collective
                        ? workers + "名外卖骑手、快递员来电：站点两个月未发工资，准备集体讨薪。"
                        : "来电职工反映：公司拖欠" + (n % 3 + 1) + "个月工资，多次讨要无果。");
        HttpResponse<String> filed = post("/api/v1/cases/hotline-orders", handler, order);
        expect(filed, 200, 201);
        JsonNode opened = read(filed);
        String caseNumber = opened.path("caseNumber").asText();
        String status = opened.path("status").asText();
        if (n >= sizes.hotlineClosed() || status.equals("CLOSED")) {
            return;
        }
        // Case statuses: ROUTED → (acceptance) ACCEPTED → (answer) IN_PROGRESS → RESOLVED → (call-back) CLOSED.
        if (status.equals("ROUTED")) {
            expect(post("/api/v1/cases/" + caseNumber + "/acceptance", handler, json.createObjectNode()), 200);
            status = "ACCEPTED";
        }
        if (status.equals("ACCEPTED") || status.equals("CONTACTED")) {
            expect(post("/api/v1/cases/" + caseNumber + "/responses", handler,
                    json.createObjectNode().put("text", "已介入调解，约企业负责人面谈。")), 200);
            status = "IN_PROGRESS";
        }
        if (status.equals("IN_PROGRESS")) {
            expect(post("/api/v1/cases/" + caseNumber + "/resolution", handler, json.createObjectNode()
                    .put("outcome", "WAGES_RECOVERED").put("summary", "经调解，企业结清拖欠工资。")
                    .put("recoveredAmountFen", owedFen).put("workersHelped", workers)), 200);
            status = "RESOLVED";
        }
        if (status.equals("RESOLVED")) {
            expect(post("/api/v1/cases/" + caseNumber + "/closure", handler, json.createObjectNode()
                    .put("satisfaction", "SATISFIED").put("text", "回访：工资已到账，来电人表示满意。")), 200);
        }
    }

    // ---------------------------------------------------------------- plumbing

    /** A step of the pilot by what it is about (enterprise and number), e.g. {@code review:91330211MA2H3K5Q1G:7}. */
    private static String key(String kind, List<PilotEnterprise> pilot, int i) {
        return kind + ":" + pilot.get(i % pilot.size()).uscc() + ":" + i / pilot.size();
    }

    /** Runs a step unless an earlier run finished it; remembers its result (e.g. a tracking number). */
    private void step(String key, java.util.function.Supplier<String> action) {
        if (done.containsKey(key)) {
            return;
        }
        String result = action.get();
        done.put(key, result);
        synchronized (this) {
            try {
                journal.write(key + "\t" + result + "\n");
                journal.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Where a run notes the steps it finished. */
    public static java.nio.file.Path journal(StackConfig config) {
        return config.dataDir().resolve("demo").resolve("steps.tsv");
    }

    private void openJournal() {
        java.nio.file.Path file = journal(config);
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            if (java.nio.file.Files.exists(file)) {
                for (String line : java.nio.file.Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] kv = line.split("\t", 2);
                    if (kv.length == 2) {
                        done.put(kv[0], kv[1]);
                    }
                }
            }
            journal = java.nio.file.Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void closeJournal() {
        try {
            journal.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String channel(int n) {
        return switch (n % 5) { // the channels workers use themselves (the others are staff-recorded)
            case 0, 1 -> "MINI_PROGRAM";
            case 2 -> "APP";
            case 3 -> "WECHAT_GROUP";
            default -> "QQ_GROUP";
        };
    }

    private JsonNode submit(String account, String key, ObjectNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.gatewayUrl() + "/api/v1/feedback/submissions"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token(account))
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> response = send(request.build());
        expect(response, 200, 201);
        return read(response);
    }

    /** The worker's view of their item once the pipeline has routed it. */
    /**
     * The worker's view of their item once its status is {@code wanted}; a step that gives up here
     * fails the run rather than being noted as done.
     */
    private JsonNode awaitItem(String worker, String tracking, java.util.function.Predicate<String> wanted, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            JsonNode item = read(get("/api/v1/feedback/submissions/" + tracking, token(worker)));
            if (wanted.test(item.path("status").asText())) {
                return item;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(tracking + " did not get past " + item.path("status").asText() + ": " + item);
            }
            pause(Duration.ofMillis(300));
        }
    }

    /** The case number the routing note names ("…工会（工单 GD-…）"). */
    private static String caseNumberOf(JsonNode item) {
        for (JsonNode entry : item.path("timeline")) {
            Matcher matcher = CASE_NUMBER.matcher(entry.path("note").asText());
            if (matcher.find()) {
                return matcher.group();
            }
        }
        throw new IllegalStateException("no case number on " + item);
    }

    /**
     * The pilot's people as the identity server lists them (the local run's demo accounts, so there is
     * one list of them): each 镇海区 enterprise with a union chair's account, its first chair, and its
     * workers, in the order of their names so that a second run picks the same person for each item.
     */
    private List<PilotEnterprise> pilot() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(config.issuerUrl() + "/demo/accounts")).GET().build());
        expect(response, 200);
        java.util.SortedMap<String, String> chairs = new java.util.TreeMap<>();
        java.util.SortedMap<String, java.util.SortedSet<String>> workers = new java.util.TreeMap<>();
        for (JsonNode account : read(response)) {
            String enterprise = account.path("enterprise").asText();
            if (!"330211".equals(account.path("district").asText()) || enterprise.isEmpty()) {
                continue;
            }
            String roles = account.path("roles").toString();
            if (roles.contains("\"ENTERPRISE_UNION\"")) {
                chairs.merge(enterprise, account.path("username").asText(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
            } else if (roles.contains("\"WORKER\"")) {
                workers.computeIfAbsent(enterprise, e -> new java.util.TreeSet<>()).add(account.path("username").asText());
            }
        }
        List<PilotEnterprise> pilot = new ArrayList<>();
        chairs.forEach((enterprise, chair) -> {
            if (workers.containsKey(enterprise)) {
                pilot.add(new PilotEnterprise(enterprise, chair, List.copyOf(workers.get(enterprise))));
            }
        });
        if (pilot.isEmpty()) {
            throw new IllegalStateException("the identity server lists no 镇海区 chair with workers: " + response.body());
        }
        return pilot;
    }

    /** 崂山区's enterprises, as the register lists them (member-card-service's demo register). */
    private List<String> qingdaoEnterprises() {
        List<String> found = new ArrayList<>();
        JsonNode page = read(get("/api/v1/registry/enterprises?district=370212&size=50", token("admin-zhou")));
        for (JsonNode enterprise : page) {
            found.add(enterprise.path("id").asText());
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("the register lists no enterprise in 370212: " + page);
        }
        return found;
    }

    private String token(String account) {
        return tokens.computeIfAbsent(account, name -> {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(config.issuerUrl() + "/demo/tokens"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.createObjectNode().put("account", name).toString())).build());
            expect(response, 200);
            return read(response).path("access_token").asText();
        });
    }

    private HttpResponse<String> post(String path, String token, JsonNode body) {
        return send(HttpRequest.newBuilder(URI.create(config.gatewayUrl() + path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private HttpResponse<String> post(String path, String token, JsonNode body, String idempotencyKey) {
        return send(HttpRequest.newBuilder(URI.create(config.gatewayUrl() + path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(config.gatewayUrl() + path)).header("Authorization", "Bearer " + token)
                .GET().build());
    }

    /**
     * For requests that are safe to repeat: sends again, after a pause, while the gateway answers that the
     * service is unavailable or too slow (503, 504) — a service still compiling, or a machine busy with
     * something else — up to four times.
     */
    private HttpResponse<String> retryingWhileUnavailable(java.util.function.Supplier<HttpResponse<String>> request) {
        HttpResponse<String> response = request.get();
        for (int attempt = 1; attempt <= 4 && (response.statusCode() == 503 || response.statusCode() == 504); attempt++) {
            out.printf("  … %s %s answered %d, sending again in %d s%n", response.request().method(), response.uri().getPath(),
                    response.statusCode(), 5 * attempt);
            pause(Duration.ofSeconds(5L * attempt));
            response = request.get();
        }
        return response;
    }

    /**
     * For an entry checked against contest-service's copy of the register: sends again while it answers 403
     * (the members just enrolled have not reached the copy yet; their events take a moment), for up to 30 s.
     */
    private HttpResponse<String> onceRegistered(java.util.function.Supplier<HttpResponse<String>> request) {
        HttpResponse<String> response = request.get();
        for (int attempt = 1; attempt <= 60 && response.statusCode() == 403; attempt++) {
            pause(Duration.ofMillis(500));
            response = request.get();
        }
        return response;
    }

    /** Sends, waiting as told when the gateway's per-user limits answer 429 (a demo posts much faster than people). */
    private HttpResponse<String> send(HttpRequest request) {
        try {
            for (int attempt = 0; ; attempt++) {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() != 429 || attempt == 100) {
                    return response;
                }
                pause(Duration.ofSeconds(Math.max(1, response.headers().firstValueAsLong("Retry-After").orElse(2))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(request.uri().toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void expect(HttpResponse<String> response, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return;
            }
        }
        throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                + response.statusCode() + ": " + response.body());
    }

    private JsonNode read(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code step} for 0…count-1 on the pool, showing progress; the first failure stops the demo. */
    private void runAll(ExecutorService pool, String title, int count, IntConsumer step) {
        AtomicInteger done = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                step.accept(n);
                done.incrementAndGet();
            }));
        }
        java.util.concurrent.ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
        progress.scheduleAtFixedRate(() -> out.printf("  … %s %d/%d%n", title, done.get(), count), 5, 5,
                java.util.concurrent.TimeUnit.SECONDS);
        try {
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            progress.shutdownNow();
        }
        out.printf("  ✓ %s %d/%d%n", title, done.get(), count);
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
