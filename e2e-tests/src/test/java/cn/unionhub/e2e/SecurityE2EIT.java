package cn.unionhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.test.EventStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Identity, token checks and abuse limits as a front-end meets them, through the gateway. */
@Order(3) // shared platform (see PlatformTest)
class SecurityE2EIT extends PlatformTest {


    @Test
    void aWorkerSignedInAtTheIdentityServerIsKnownThroughTheGateway() {
        String token = platform.demoToken("worker-zhang-wei");

        HttpResponse<String> me = platform.get(platform.gateway("/api/v1/me"), "Authorization", "Bearer " + token);

        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(me.body());
        assertThat(body.path("subject").asString()).isEqualTo("worker-zhang-wei");
        assertThat(body.path("name").asString()).isEqualTo("张伟");
        assertThat(body.path("roles").get(0).asString()).isEqualTo("WORKER");
        assertThat(body.path("enterprise").asString()).isEqualTo("91330211MA2H3K5Q1G");
        assertThat(body.path("district").asString()).isEqualTo("330211");
    }

    @Test
    void governmentSystemsCallWithClientCredentialsAndServicesAcceptTheToken() {
        String token = platform.clientCredentialsToken("labor-inspection", "local-demo-secret");

        HttpResponse<String> me = platform.get(platform.gateway("/api/v1/me"), "Authorization", "Bearer " + token);
        HttpResponse<String> throughService = platform.get(platform.gateway("/api/v1/cases/handling-organisations"),
                "Authorization", "Bearer " + token);

        assertThat(JSON.readTree(me.body()).path("roles").get(0).asString()).isEqualTo("GOV_SYSTEM");
        assertThat(throughService.statusCode()).as(throughService.body()).isEqualTo(200);
    }

    @Test
    void aTamperedTokenIsRefusedAtTheGatewayWithAProblem() {
        String token = platform.demoToken("admin-zhou");
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        for (String path : new String[] {"/api/v1/me", "/api/v1/feedback/categories"}) {
            HttpResponse<String> response = platform.get(platform.gateway(path), "Authorization", "Bearer " + tampered);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
            assertThat(JSON.readTree(response.body()).path("title").asString()).isEqualTo("登录已失效");
        }
        assertThat(platform.get(platform.gateway("/api/v1/me")).statusCode()).isEqualTo(401);
    }

    /** The gateway reads the header as Spring Security's rule says (BearerTokens): any case of the scheme, and a
     * malformed bearer header refused as an invalid token before any service is called. */
    @Test
    void theGatewayReadsTheAuthorizationHeaderAsSpringSecurityDoes() {
        String token = platform.demoToken("worker-zhang-wei");
        assertThat(platform.get(platform.gateway("/api/v1/me"), "Authorization", "bearer " + token).statusCode()).isEqualTo(200);
        for (String malformed : new String[] {"Bearer " + token + " x", "Bearer  " + token, "Bearer " + token + "=x"}) {
            HttpResponse<String> response = platform.get(platform.gateway("/api/v1/feedback/categories"), "Authorization", malformed);
            assertThat(response.statusCode()).as(malformed).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        }
        HttpResponse<String> basic = platform.get(platform.gateway("/api/v1/feedback/categories"), "Authorization", "Basic eDp5");
        assertThat(basic.statusCode()).as("another scheme is no token: the public page answers").isEqualTo(200);
    }

    @Test
    void anonymousSubmissionsAreThrottledPerAddressWithRetryAfter() {
        HttpResponse<String> first = postFeedback("{}");
        HttpResponse<String> limited = first;
        for (int i = 0; i < 30 && limited.statusCode() != 429; i++) {
            limited = postFeedback("{}");
        }

        assertThat(first.statusCode()).isNotEqualTo(429);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isPositive());
        assertThat(JSON.readTree(limited.body()).path("title").asString()).isEqualTo("请求过于频繁");
        // Reading stays possible: the limit is on submissions.
        assertThat(platform.get(platform.gateway("/api/v1/feedback/categories")).statusCode()).isEqualTo(200);
    }

    @Test
    void oversizeBodiesAreRefusedBeforeReachingAService() {
        HttpResponse<String> response = platform.send(HttpRequest.newBuilder(URI.create(platform.gateway("/api/v1/cases/x")))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + platform.demoToken("handler-liu-yang"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"minutes\":\"" + "会".repeat(600_000) + "\"}")).build());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).path("type").asString()).endsWith("/payload-too-large");
    }

    @Test
    void aChunkedBodyWithoutALengthIsHeldToTheSameLimit() {
        String token = platform.demoToken("handler-liu-yang");
        // A publisher of unknown length is sent chunked: no Content-Length to check up front.
        HttpResponse<String> oversize = platform.send(HttpRequest.newBuilder(URI.create(platform.gateway("/api/v1/cases/x")))
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofString("{\"minutes\":\"" + "会".repeat(400_000) + "\"}"))).build());

        assertThat(oversize.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(oversize.body()).path("type").asString()).endsWith("/payload-too-large");
        // A small chunked body is read, passed on with its length, and answered by the service.
        HttpResponse<String> small = platform.send(HttpRequest.newBuilder(URI.create(platform.gateway("/api/v1/feedback/submissions")))
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + platform.demoToken("worker-zhou-xin"))
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString("{}"))).build());
        assertThat(small.statusCode()).as(small.body()).isEqualTo(400);
        assertThat(JSON.readTree(small.body()).path("type").asString()).doesNotEndWith("/payload-too-large")
                .doesNotEndWith("/malformed-body");
    }

    @Test
    void responsesCarrySecurityHeaders() {
        HttpResponse<String> response = platform.get(platform.gateway("/api/v1/feedback/categories"));

        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    /**
     * Seed 000 as far as the platform goes today: a worker of 宁波富德能源 complains anonymously about
     * the one-hour commute; it is routed to the enterprise union, which answers and resolves it
     * (commuter buses); the worker follows every step and rates it satisfied; the enterprise never
     * learns who complained; the 镇海区 bulletin counts it.
     */
    @Test
    void seed000AnAnonymousCommuteComplaintIsRoutedAnsweredResolvedAndRatedWithoutRevealingTheWorker() throws Exception {
        String worker = platform.demoToken("worker-zhang-wei");
        URI streamUri = URI.create(platform.gateway("/api/v1/feedback/submissions/mine/stream"));
        // The worker's app listens to its timeline through the gateway instead of polling; staff have no such stream.
        EventStream stream = EventStream.open(streamUri, worker, null);
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.next(java.time.Duration.ofSeconds(20)).name()).isEqualTo("ready");
        try (EventStream chairStream = EventStream.open(streamUri, platform.demoToken("chair-wang-fang"), null)) {
            assertThat(chairStream.status()).isEqualTo(403);
        }
        // The chair's work queue is pushed too, through the gateway: the case arrives when routed there.
        EventStream chairQueue = EventStream.open(URI.create(platform.gateway("/api/v1/cases/queue/stream")),
                platform.demoToken("chair-wang-fang"), null);
        assertThat(chairQueue.status()).isEqualTo(200);
        assertThat(chairQueue.next(java.time.Duration.ofSeconds(20)).name()).isEqualTo("ready");
        // Filed early in a release window (the platform releases every 20 s), so the chair asks well before the release.
        awaitEarlyInAReleaseWindow();
        HttpResponse<String> submitted = submitAs(worker, """
                {"type":"COMPLAINT","category":"CANTEEN_DORMITORY_COMMUTE","channel":"MINI_PROGRAM",
                 "enterprise":"91330211MA2H3K5Q1G","anonymous":true,
                 "text":"上下班单程要一个多小时，希望安排通勤车。"}""");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        String tracking = JSON.readTree(submitted.body()).path("trackingNumber").asString();

        java.time.Instant release = java.time.Instant.ofEpochMilli(
                (System.currentTimeMillis() / RunningPlatform.RELEASE_EVERY.toMillis() + 1) * RunningPlatform.RELEASE_EVERY.toMillis());
        String itemPath = "/api/v1/feedback/submissions/" + tracking;
        HttpResponse<String> early = platform.get(platform.gateway(itemPath), "Authorization", "Bearer " + platform.demoToken("chair-wang-fang"));
        HttpResponse<String> district = platform.get(platform.gateway(itemPath), "Authorization", "Bearer " + platform.demoToken("staff-chen-jing"));
        HttpResponse<String> neighbour = platform.get(platform.gateway(itemPath), "Authorization", "Bearer " + platform.demoToken("chair-zhao-lei"));
        String chairsList = platform.get(platform.gateway("/api/v1/feedback/submissions?size=100"), "Authorization",
                "Bearer " + platform.demoToken("chair-wang-fang")).body();
        String districtsList = platform.get(platform.gateway("/api/v1/feedback/submissions?size=100"), "Authorization",
                "Bearer " + platform.demoToken("staff-chen-jing")).body();
        assertThat(java.time.Instant.now()).as("asked before the release").isBefore(release);
        assertThat(chairsList).as("the chair's list before the release").doesNotContain(tracking);
        assertThat(districtsList).contains(tracking);
        // Not as it arrives: the chair knows who just left the canteen. The district, which supervises, at once.
        assertThat(early.statusCode()).as("the enterprise's union before the release").isEqualTo(404);
        assertThat(district.statusCode()).isEqualTo(200);
        assertThat(neighbour.statusCode()).isEqualTo(404);

        HttpResponse<String> chair = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(40))
                .pollInterval(java.time.Duration.ofMillis(500))
                .until(() -> platform.get(platform.gateway(itemPath), "Authorization", "Bearer " + platform.demoToken("chair-wang-fang")),
                        response -> response.statusCode() == 200);
        assertThat(java.time.Instant.now()).as("seen at the release, not before").isAfterOrEqualTo(release);
        assertThat(platform.get(platform.gateway("/api/v1/feedback/submissions?size=100"), "Authorization",
                "Bearer " + platform.demoToken("chair-wang-fang")).body()).contains(tracking);
        assertThat(chair.body()).contains("通勤车").doesNotContain("worker-zhang-wei").doesNotContain("张伟").doesNotContain("psn_");

        // The complaint started the routing pipeline: case-service routed it, and the worker sees where it went.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> mine = platform.get(platform.gateway("/api/v1/feedback/submissions/" + tracking),
                    "Authorization", "Bearer " + worker);
            JsonNode item = JSON.readTree(mine.body());
            assertThat(item.path("status").asString()).isEqualTo("ROUTED");
            assertThat(item.path("timeline").get(1).path("note").asString()).startsWith("宁波富德能源有限公司工会（工单 GD-");
            // The worker sees by when they are owed a first answer (24-hour rule), and that it is not yet late.
            assertThat(item.path("sla").path("state").asString()).isEqualTo("WITHIN_DEADLINE");
            assertThat(java.time.OffsetDateTime.parse(item.path("sla").path("firstAnswerDueAt").asString()))
                    .isAfter(java.time.OffsetDateTime.now());
        });
        java.util.regex.Matcher routedTo = java.util.regex.Pattern.compile("GD-[0-9]{8}-[0-9A-Z]{6}").matcher(JSON.readTree(
                platform.get(platform.gateway(itemPath), "Authorization", "Bearer " + worker).body()).path("timeline").get(1).path("note").asString());
        assertThat(routedTo.find()).isTrue();
        String routedCase = routedTo.group();
        try (chairQueue) {
            // The chair's queue hears of the case once, at its release, and by day only; never of the steps before it.
            List<EventStream.Event> heard = chairQueue.until(e -> isQueueStep(e, routedCase, "RELEASED"),
                    java.time.Duration.ofSeconds(60));
            JsonNode releasedToChair = JSON.readTree(heard.get(heard.size() - 1).data());
            assertThat(java.time.OffsetDateTime.parse(releasedToChair.path("at").asString()).toLocalTime())
                    .as("an anonymous worker's case reaches the chair by day only").isEqualTo(java.time.LocalTime.MIDNIGHT);
            assertThat(heard).noneMatch(e -> isQueueStep(e, routedCase, "ROUTED"));
        }
        // The chair's view of the anonymous item has no deadline: it would give away the submission time.
        assertThat(JSON.readTree(platform.get(platform.gateway("/api/v1/feedback/submissions/" + tracking),
                "Authorization", "Bearer " + platform.demoToken("chair-wang-fang")).body()).path("sla").isNull()).isTrue();

        // The union chair finds the case in the enterprise's work queue, answers, and resolves it.
        String chairToken = platform.demoToken("chair-wang-fang");
        JsonNode queue = JSON.readTree(platform.get(platform.gateway("/api/v1/cases?status=ROUTED"),
                "Authorization", "Bearer " + chairToken).body());
        String caseNumber = null;
        for (JsonNode c : queue) {
            if (tracking.equals(c.path("trackingNumber").asString())) {
                caseNumber = c.path("caseNumber").asString();
            }
        }
        assertThat(caseNumber).as(queue.toString()).isEqualTo(routedCase);
        assertThat(postJson("/api/v1/cases/" + caseNumber + "/responses", chairToken,
                "{\"text\":\"已把大家的意见反映给公司管理层，正在研究通勤方案。\"}").statusCode()).isEqualTo(200);
        assertThat(postJson("/api/v1/cases/" + caseNumber + "/resolution", chairToken,
                "{\"outcome\":\"RESOLVED_BY_ENTERPRISE\",\"summary\":\"公司安排资金租赁大巴车接送职工上下班。\"}").statusCode())
                .isEqualTo(200);

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode item = JSON.readTree(platform.get(platform.gateway("/api/v1/feedback/submissions/" + tracking),
                    "Authorization", "Bearer " + worker).body());
            assertThat(item.path("status").asString()).isEqualTo("RESOLVED");
            assertThat(item.path("timeline").findValuesAsString("kind"))
                    .containsExactly("RECEIVED", "ROUTED", "ACCEPTED", "RESPONDED", "RESOLVED");
            assertThat(item.path("timeline").get(4).path("note").asString()).contains("大巴车");
        });
        // The stream pushed every step of this item, in order (other items of the same worker may interleave).
        List<EventStream.Event> pushed;
        try (stream) {
            pushed = stream.until(e -> isStep(e, tracking, "RESOLVED"), java.time.Duration.ofSeconds(30)).stream()
                    .filter(e -> e.name().equals("timeline") && JSON.readTree(e.data()).path("trackingNumber").asString().equals(tracking))
                    .toList();
        }
        assertThat(pushed).extracting(e -> JSON.readTree(e.data()).path("kind").asString())
                .containsExactly("RECEIVED", "ROUTED", "ACCEPTED", "RESPONDED", "RESOLVED");
        String lastSeen = pushed.get(pushed.size() - 1).id();

        // The worker is satisfied: the item closes. The chair hears of it at the next release, not the moment the
        // worker rated (which would tell who was on a break just then): until then it is shown resolved and unrated.
        awaitEarlyInAReleaseWindow();
        HttpResponse<String> rated = postJson("/api/v1/feedback/submissions/" + tracking + "/satisfaction", worker,
                "{\"rating\":\"SATISFIED\"}");
        assertThat(rated.statusCode()).as(rated.body()).isEqualTo(200);
        assertThat(JSON.readTree(rated.body()).path("status").asString()).isEqualTo("CLOSED");
        java.time.Instant ratingRelease = java.time.Instant.ofEpochMilli(
                (System.currentTimeMillis() / RunningPlatform.RELEASE_EVERY.toMillis() + 1) * RunningPlatform.RELEASE_EVERY.toMillis());
        JsonNode heldFromChair = JSON.readTree(platform.get(platform.gateway(itemPath), "Authorization", "Bearer " + chairToken).body());
        assertThat(java.time.Instant.now()).as("asked before the release").isBefore(ratingRelease);
        assertThat(heldFromChair.path("status").asString()).isEqualTo("RESOLVED");
        assertThat(heldFromChair.toString()).doesNotContain("SATISFIED");
        assertThat(heldFromChair.path("timeline").findValuesAsString("kind")).doesNotContain("RATED");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(40)).pollInterval(java.time.Duration.ofMillis(500))
                .until(() -> JSON.readTree(platform.get(platform.gateway(itemPath), "Authorization", "Bearer " + chairToken).body())
                        .path("status").asString().equals("CLOSED"));
        assertThat(java.time.Instant.now()).as("seen at the release, not before").isAfterOrEqualTo(ratingRelease);
        // The app, reopened with the last event it had, gets what happened meanwhile and nothing twice.
        try (EventStream resumed = EventStream.open(streamUri, worker, lastSeen)) {
            List<EventStream.Event> missed = resumed.until(e -> isStep(e, tracking, "RATED"), java.time.Duration.ofSeconds(30));
            assertThat(missed).noneMatch(e -> e.id().equals(lastSeen) || isStep(e, tracking, "RESOLVED"));
        }

        String chairView = platform.get(platform.gateway("/api/v1/feedback/submissions/" + tracking),
                "Authorization", "Bearer " + chairToken).body();
        // The 镇海区 bulletin for the month counts it, as a projection from the events.
        String period = JSON.readTree(submitted.body()).path("submittedAt").asString().substring(0, 7);
        String staff = platform.demoToken("staff-chen-jing");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode bulletin = JSON.readTree(platform.get(platform.gateway("/api/v1/feedback/bulletins/330211/" + period),
                    "Authorization", "Bearer " + staff).body());
            assertThat(bulletin.path("byCategory").path("CANTEEN_DORMITORY_COMMUTE").asLong()).isPositive();
            assertThat(bulletin.path("resolved").asLong()).isPositive();
            assertThat(bulletin.path("satisfaction").path("SATISFIED").asLong()).isPositive();
        });
        assertThat(chairView).contains("CLOSED").contains("SATISFIED").doesNotContain("worker-zhang-wei").doesNotContain("张伟").doesNotContain("psn_");
        // The rating closed the case too, on time.
        String closedCase = caseNumber;
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode c = JSON.readTree(platform.get(platform.gateway("/api/v1/cases/" + closedCase),
                    "Authorization", "Bearer " + chairToken).body());
            assertThat(c.path("status").asString()).isEqualTo("CLOSED");
            assertThat(c.path("sla").path("state").asString()).isEqualTo("RESOLVED_ON_TIME");
        });
    }

    /**
     * Seed 004 (Qingdao 12351, 两清单): a courier calls the hotline about months of unpaid wages. The
     * operator's work order lands in the district's wage-arrears clue ledger, is answered within 24
     * hours, the wages are recovered, and after the call-back it moves to the closed-clue ledger —
     * with a record whose hash chain verifies.
     */
    @Test
    void seed004ACouriersWageArrearsCallGoesFromTheClueLedgerToTheClosedLedger() {
        String operator = platform.demoToken("handler-liu-yang");
        String staff = platform.demoToken("staff-chen-jing");
        String station = "91330211MA2KD0E1XU"; // a courier station in 镇海区, GB 32100 check character included
        String order = """
                {"reference":"12351-E2E-0311","category":"WAGES_ARREARS","enterprise":"%s","enterpriseName":"镇海某快递站点",
                 "district":"330211","workerGroup":"GIG_WORKER","amountOwedFen":1250000,"workersAffected":1,
                 "summary":"快递员崔某：站点拖欠3个月工资共12500元，多次讨要无果。"}""".formatted(station);

        HttpResponse<String> filed = postJson("/api/v1/cases/hotline-orders", operator, order);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        JsonNode opened = JSON.readTree(filed.body());
        String caseNumber = opened.path("caseNumber").asString();
        assertThat(opened.path("organisationName").asString()).isEqualTo("镇海区劳动争议调解中心");

        JsonNode clues = JSON.readTree(platform.get(platform.gateway("/api/v1/cases/ledgers/wage-arrears"),
                "Authorization", "Bearer " + staff).body());
        assertThat(clues.path("items").findValuesAsString("caseNumber")).contains(caseNumber);

        assertThat(postJson("/api/v1/cases/" + caseNumber + "/acceptance", operator, "{}").statusCode()).isEqualTo(200);
        assertThat(postJson("/api/v1/cases/" + caseNumber + "/contacts", operator,
                "{\"text\":\"已联系崔某及站点负责人，核实欠薪情况\"}").statusCode()).isEqualTo(200);
        JsonNode answered = JSON.readTree(postJson("/api/v1/cases/" + caseNumber + "/responses", operator,
                "{\"text\":\"已介入调解，站点承诺一周内结清\"}").body());
        java.time.OffsetDateTime openedAt = java.time.OffsetDateTime.parse(answered.path("times").path("openedAt").asString());
        java.time.OffsetDateTime firstAnswer = java.time.OffsetDateTime.parse(answered.path("times").path("firstRespondedAt").asString());
        java.time.OffsetDateTime due = java.time.OffsetDateTime.parse(answered.path("times").path("firstResponseDueAt").asString());
        assertThat(java.time.Duration.between(openedAt, due)).isLessThanOrEqualTo(java.time.Duration.ofHours(24));
        assertThat(firstAnswer).isBeforeOrEqualTo(due);

        assertThat(postJson("/api/v1/cases/" + caseNumber + "/resolution", operator, """
                {"outcome":"WAGES_RECOVERED","summary":"经调解，站点一次性结清拖欠工资12500元","recoveredAmountFen":1250000,"workersHelped":1}""")
                .statusCode()).isEqualTo(200);
        assertThat(postJson("/api/v1/cases/" + caseNumber + "/closure", operator,
                "{\"satisfaction\":\"SATISFIED\",\"text\":\"回访：崔某已收到全部工资，表示满意\"}").statusCode()).isEqualTo(200);

        assertThat(JSON.readTree(platform.get(platform.gateway("/api/v1/cases/ledgers/wage-arrears"), "Authorization",
                "Bearer " + staff).body()).path("items").findValuesAsString("caseNumber")).doesNotContain(caseNumber);
        JsonNode closed = JSON.readTree(platform.get(platform.gateway("/api/v1/cases/ledgers/wage-arrears-closed"),
                "Authorization", "Bearer " + staff).body());
        JsonNode row = null;
        for (JsonNode item : closed.path("items")) {
            if (caseNumber.equals(item.path("caseNumber").asString())) {
                row = item;
            }
        }
        assertThat(row).as(closed.toString()).isNotNull();
        assertThat(row.path("recoveredAmountFen").asLong()).isEqualTo(1_250_000L);
        assertThat(row.path("slaState").asString()).isEqualTo("RESOLVED_ON_TIME");
        assertThat(platform.get(platform.gateway("/api/v1/cases/ledgers/wage-arrears-closed?format=csv"), "Authorization",
                "Bearer " + staff).body()).contains(caseNumber);
        assertThat(JSON.readTree(platform.get(platform.gateway("/api/v1/cases/" + caseNumber + "/history/verification"),
                "Authorization", "Bearer " + staff).body()).path("valid").asBoolean()).isTrue();
    }

    /**
     * Issue #12 through the gateway: routing decides who works a case. A worker reports unsafe
     * scaffolding as a working-conditions matter, so it goes to the enterprise's union; the chair
     * passes it on (转办) to labour inspection as a safety hazard. From then on the chair can still
     * read it but not resolve it; the inspection desk does, and the worker's timeline shows the
     * transfer and the deadline they are owed an answer by.
     */
    @Test
    void aCaseTransferredToLabourInspectionIsReadableButNotResolvableByTheChairAndResolvedByTheInspectionDesk() {
        String worker = platform.demoToken("worker-07");
        String chair = platform.demoToken("chair-wang-fang");
        String inspector = platform.demoToken("inspector-wu-gang");
        HttpResponse<String> submitted = submitAs(worker, """
                {"type":"COMPLAINT","category":"WORKING_CONDITIONS","channel":"MINI_PROGRAM",
                 "enterprise":"91330211MA2H3K5Q1G","anonymous":false,
                 "text":"三号车间的脚手架没有护栏，高处作业没有安全带。"}""");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        String tracking = JSON.readTree(submitted.body()).path("trackingNumber").asString();
        String caseNumber = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
            for (JsonNode c : JSON.readTree(platform.get(platform.gateway("/api/v1/cases?assignedToMe=true&size=100"),
                    "Authorization", "Bearer " + chair).body())) {
                if (tracking.equals(c.path("trackingNumber").asString())) {
                    return c.path("caseNumber").asString();
                }
            }
            return null;
        }, n -> n != null);

        HttpResponse<String> transferred = postJson("/api/v1/cases/" + caseNumber + "/transfer", chair,
                "{\"organisationType\":\"LABOR_INSPECTION\",\"reason\":\"涉及高处作业安全隐患，转劳动保障监察\"}");
        assertThat(transferred.statusCode()).as(transferred.body()).isEqualTo(200);
        assertThat(JSON.readTree(transferred.body()).path("organisationName").asString()).isEqualTo("镇海区劳动保障监察大队");

        assertThat(platform.get(platform.gateway("/api/v1/cases/" + caseNumber), "Authorization", "Bearer " + chair).statusCode())
                .isEqualTo(200);
        HttpResponse<String> chairResolves = postJson("/api/v1/cases/" + caseNumber + "/resolution", chair,
                "{\"outcome\":\"UNFOUNDED\",\"summary\":\"已自查，无隐患\"}");
        assertThat(chairResolves.statusCode()).as(chairResolves.body()).isEqualTo(403);
        assertThat(JSON.readTree(chairResolves.body()).path("title").asString()).isEqualTo("该工单不由您所在的单位办理");

        assertThat(postJson("/api/v1/cases/" + caseNumber + "/responses", inspector,
                "{\"text\":\"监察大队已到现场检查，责令立即整改\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> resolved = postJson("/api/v1/cases/" + caseNumber + "/resolution", inspector,
                "{\"outcome\":\"JOINT_HANDLING\",\"summary\":\"企业已加装护栏并配发安全带，复查合格\"}");
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode item = JSON.readTree(platform.get(platform.gateway("/api/v1/feedback/submissions/" + tracking),
                    "Authorization", "Bearer " + worker).body());
            assertThat(item.path("status").asString()).isEqualTo("RESOLVED");
            assertThat(item.path("timeline").findValuesAsString("note")).anyMatch(n -> n.startsWith("转办至镇海区劳动保障监察大队"));
            assertThat(item.path("sla").path("state").asString()).isEqualTo("ANSWERED_ON_TIME");
            assertThat(item.path("sla").path("firstAnswerDueAt").asString()).isNotEmpty();
        });
    }

    /**
     * Seed 004's collective case through the gateway: one 12351 order for 200 couriers owed
     * 5,000,000 yuan raises a red collective-dispute warning on its own; the enterprise's chair sees
     * that it is red and collective, with the figures in bands and no per-worker or per-item detail.
     */
    @Test
    void aHotlineOrderForTwoHundredCouriersRaisesACollectiveWarningTheChairSeesWithoutDetail() {
        // The city union's 12351 desk files for any district of the city (a district's mediation centre, its own only).
        String operator = platform.demoToken("staff-sun-li");
        HttpResponse<String> filed = postJson("/api/v1/cases/hotline-orders", operator, """
                {"reference":"12351-E2E-0200","category":"WAGES_ARREARS","enterprise":"91330206MA2J7P9K2C",
                 "enterpriseName":"北仑港口物流有限公司","district":"330206","workerGroup":"GIG_WORKER",
                 "amountOwedFen":500000000,"workersAffected":200,"summary":"200名快递员反映站点拖欠三个月工资共500万元"}""");
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        String caseNumber = JSON.readTree(filed.body()).path("caseNumber").asString();

        String chair = platform.demoToken("chair-zhao-lei");
        JsonNode warning = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
            for (JsonNode w : JSON.readTree(platform.get(platform.gateway("/api/v1/alerts/warnings"),
                    "Authorization", "Bearer " + chair).body())) {
                if ("91330206MA2J7P9K2C".equals(w.path("enterprise").asString())) {
                    return w;
                }
            }
            return null;
        }, w -> w != null);
        assertThat(warning.path("level").asString()).isEqualTo("RED");
        assertThat(warning.path("collectiveDispute").asBoolean()).isTrue();
        assertThat(warning.has("signals") || warning.has("workersReporting") || warning.has("score") || warning.has("amountAtStakeBandYuan"))
                .isFalse();
        assertThat(warning.toString()).doesNotContain(caseNumber);
        // The district union sees why: the order itself, with its 200 workers, explains the warning.
        String beilun = platform.get(platform.gateway("/api/v1/alerts/warnings/" + warning.path("id").asString()),
                "Authorization", "Bearer " + platform.demoToken("admin-zhou")).body();
        assertThat(JSON.readTree(beilun).path("signals").findValuesAsString("reference")).contains(caseNumber);
    }

    /** Waits until the current release window of anonymous items is one to four seconds old. */
    private static void awaitEarlyInAReleaseWindow() {
        long window = RunningPlatform.RELEASE_EVERY.toMillis();
        org.awaitility.Awaitility.await().atMost(RunningPlatform.RELEASE_EVERY.plusSeconds(5)).pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> {
                    long into = System.currentTimeMillis() % window;
                    return into >= 1_000 && into <= 4_000;
                });
    }

    /** A worker's submission through the gateway, as the app sends it (with an Idempotency-Key). */
    private HttpResponse<String> submitAs(String token, String body) {
        return platform.send(HttpRequest.newBuilder(URI.create(platform.gateway("/api/v1/feedback/submissions")))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> postJson(String path, String token, String body) {
        return platform.send(HttpRequest.newBuilder(URI.create(platform.gateway(path)))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> postFeedback(String body) {
        return platform.send(HttpRequest.newBuilder(URI.create(platform.gateway("/api/v1/feedback/submissions")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static boolean isQueueStep(EventStream.Event e, String caseNumber, String action) {
        if (!e.name().equals("queue")) {
            return false;
        }
        JsonNode step = JSON.readTree(e.data());
        return step.path("caseNumber").asString().equals(caseNumber) && step.path("action").asString().equals(action);
    }

    private static boolean isStep(EventStream.Event e, String tracking, String kind) {
        if (!e.name().equals("timeline")) {
            return false;
        }
        JsonNode entry = JSON.readTree(e.data());
        return entry.path("trackingNumber").asString().equals(tracking) && entry.path("kind").asString().equals(kind);
    }
}
