package cn.unionhub.membercard.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.unionhub.membercard.card.domain.Card;
import cn.unionhub.membercard.card.domain.CardNumbers;
import cn.unionhub.membercard.card.domain.Holder;
import cn.unionhub.platform.events.EventSchemas;
import cn.unionhub.security.Role;
import cn.unionhub.test.ApiClient;
import cn.unionhub.test.IntegrationTest;
import cn.unionhub.test.People;
import cn.unionhub.test.StoreWork;
import cn.unionhub.test.TestInfrastructure;
import cn.unionhub.test.TestTokens;
import cn.unionhub.test.TopicProbe;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Member service cards through the API against the real broker and store: issue, activate, report
 * lost, replace, cancel; one current card per member and type; who sees what; events on
 * {@code member-card.events} that keep to their schemas and carry the number masked only; and
 * requests interrupted between their writes, finished by the next one.
 */
@IntegrationTest
class CardApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CARDS = "/api/v1/member-cards";
    private static final String FUDE = People.Enterprises.FUDE_ENERGY;
    private static final String BEILUN = People.Enterprises.BEILUN_PORT_LOGISTICS;
    private static final String ZHENHAI = People.Districts.ZHENHAI;
    private static final String BEILUN_DISTRICT = People.Districts.BEILUN;

    /** The register is another feature's; these tests bring their own members. */
    @TestConfiguration
    static class Register {

        @Bean
        @Primary
        InMemoryHolders inMemoryHolders() {
            return new InMemoryHolders();
        }
    }

    @Autowired
    InMemoryHolders holders;
    @Autowired
    EventSchemas schemas;
    @Autowired
    MongoTemplate mongo;
    @Value("${local.server.port}")
    int port;

    private final SecureRandom random = new SecureRandom();

    @Test
    void aCardIsIssuedActivatedReportedLostAndReplacedAndEveryStepIsAnnouncedWithTheNumberMasked() {
        Holder zhang = member(FUDE, ZHENHAI);
        String worker = tokenOf(zhang);

        JsonNode issued = created(api().post(CARDS, issue(zhang), People.CHAIR_FUDE.token()));
        String number = issued.path("number").asString();
        String cardId = issued.path("cardId").asString();
        assertThat(number).matches("6230913302\\d{9}");
        assertThat(CardNumbers.luhnValid(number)).isTrue();
        assertThat(cardId).matches("^C[0-9A-HJKMNP-TV-Z]{12}$");
        assertThat(issued.path("numberMasked").asBoolean()).isFalse();
        assertThat(issued.path("status").asString()).isEqualTo("ISSUED");
        assertThat(issued.path("cardType").asString()).isEqualTo("MEMBER_SERVICE_CARD");

        JsonNode active = ok(api().post(CARDS + "/" + number + "/activation", "{}", worker));
        assertThat(active.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(active.path("number").asString()).as("the holder sees their number").isEqualTo(number);
        JsonNode lost = ok(api().post(CARDS + "/" + number + "/loss-report", "{\"reason\":\"在地铁上丢失了钱包\"}", worker));
        assertThat(lost.path("status").asString()).isEqualTo("LOST");

        JsonNode replacement = created(api().post(CARDS + "/" + number + "/replacement", "{\"reason\":\"挂失补卡\"}",
                People.CHAIR_FUDE.token()));
        String newNumber = replacement.path("number").asString();
        String newId = replacement.path("cardId").asString();
        assertThat(replacement.path("status").asString()).isEqualTo("ISSUED");
        assertThat(replacement.path("replaces").path("number").asString()).isEqualTo(number);
        assertThat(replacement.path("replaces").path("cardId").asString()).isEqualTo(cardId);
        assertThat(CardNumbers.luhnValid(newNumber)).isTrue();
        assertThat(CardNumbers.sequence(newNumber)).isGreaterThan(CardNumbers.sequence(number));

        JsonNode old = ok(api().get(CARDS + "/" + number, People.CHAIR_FUDE.token()));
        assertThat(old.path("status").asString()).isEqualTo("REPLACED");
        assertThat(old.path("replacedBy").path("cardId").asString()).isEqualTo(newId);
        assertThat(old.path("history").findValuesAsString("action"))
                .containsExactly("ISSUED", "ACTIVATED", "REPORTED_LOST", "REPLACED");
        assertThat(old.path("history").findValuesAsString("by")).containsExactly("STAFF", "HOLDER", "HOLDER", "STAFF");

        JsonNode mine = ok(api().get(CARDS + "/mine", worker));
        assertThat(each(mine, "number")).containsExactly(newNumber, number);

        try (TopicProbe events = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "member-card.events")) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> events.withKey(cardId).size() >= 4 && !events.withKey(newId).isEmpty());
            List<ConsumerRecord<String, byte[]>> ofOld = events.withKey(cardId);
            assertThat(ofOld).extracting(r -> TopicProbe.header(r, "ce_type")).containsExactly(
                    "cn.unionhub.member-card.card-issued.v1", "cn.unionhub.member-card.card-activated.v1",
                    "cn.unionhub.member-card.card-reported-lost.v1", "cn.unionhub.member-card.card-replaced.v1");
            assertThat(events.withKey(newId)).extracting(r -> TopicProbe.header(r, "ce_type"))
                    .containsExactly("cn.unionhub.member-card.card-issued.v1");
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(ofOld);
            all.addAll(events.withKey(newId));
            for (ConsumerRecord<String, byte[]> event : all) {
                JsonNode data = JSON.readTree(event.value());
                assertThat(schemas.violations(TopicProbe.header(event, "ce_type"), data)).isEmpty();
                assertThat(data.path("memberId").asString()).isEqualTo(zhang.memberId());
                assertThat(data.path("maskedNumber").asString())
                        .isEqualTo(CardNumbers.mask(event.key().equals(cardId) ? number : newNumber));
                assertThat(everythingIn(event)).doesNotContain(number, newNumber, number.substring(4, 15), newNumber.substring(4, 15));
            }
            assertThat(JSON.readTree(ofOld.get(3).value()).path("replacement").asString()).isEqualTo(newId);
        }
    }

    @Test
    void aMemberHoldsOneCurrentCardOfATypeEvenWhenStaffIssueAtTheSameTime() throws Exception {
        Holder member = member(FUDE, ZHENHAI);
        List<HttpResponse<String>> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String token = i % 2 == 0 ? People.CHAIR_FUDE.token() : People.DISTRICT_ZHENHAI.token();
                calls.add(CompletableFuture.supplyAsync(() -> api().post(CARDS, issue(member), token), pool));
            }
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                answers.add(call.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(201, 409).containsOnlyOnce(201);
        String number = answers.stream().filter(a -> a.statusCode() == 201).map(a -> JSON.readTree(a.body()).path("number")
                .asString()).findFirst().orElseThrow();
        assertThat(mongo.getCollection("cards").countDocuments(new Document("memberId", member.memberId()))).isEqualTo(1);

        HttpResponse<String> second = api().post(CARDS, issue(member), People.CHAIR_FUDE.token());
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(second.body()).path("type").asString()).isEqualTo("https://unionhub.cn/problems/card-already-held");
        assertThat(JSON.readTree(second.body()).path("title").asString()).isEqualTo("已持有同类卡");

        ok(api().post(CARDS + "/" + number + "/activation", "{}", People.CHAIR_FUDE.token()));
        ok(api().post(CARDS + "/" + number + "/loss-report", "{}", People.CHAIR_FUDE.token()));
        assertThat(api().post(CARDS, issue(member), People.DISTRICT_ZHENHAI.token()).statusCode())
                .as("a lost card not yet replaced is still the member's card").isEqualTo(409);
    }

    @Test
    void cardsOfOtherEnterprisesAndDistrictsDoNotExistForTheirUnionsAndWorkersSeeOnlyTheirOwn() {
        Holder zhang = member(FUDE, ZHENHAI);
        Holder li = member(BEILUN, BEILUN_DISTRICT);
        String number = created(api().post(CARDS, issue(zhang), People.DISTRICT_ZHENHAI.token())).path("number").asString();
        String linumber = created(api().post(CARDS, issue(li), People.CHAIR_BEILUN.token())).path("number").asString();

        assertThat(api().post(CARDS, issue(zhang), People.CHAIR_BEILUN.token()).statusCode()).isEqualTo(404);
        for (People outsider : new People[] {People.CHAIR_BEILUN, People.DISTRICT_BEILUN}) {
            assertThat(api().get(CARDS + "/" + number, outsider.token()).statusCode()).as(outsider.name()).isEqualTo(404);
            for (String step : List.of("activation", "freeze", "loss-report", "replacement", "cancellation")) {
                assertThat(api().post(CARDS + "/" + number + "/" + step, "{}", outsider.token()).statusCode())
                        .as(outsider + " " + step).isEqualTo(404);
            }
        }
        String liToken = tokenOf(li);
        assertThat(api().get(CARDS + "/" + number, liToken).statusCode()).isEqualTo(404);
        assertThat(api().post(CARDS + "/" + number + "/activation", "{}", liToken).statusCode()).isEqualTo(404);
        assertThat(api().post(CARDS + "/" + number + "/loss-report", "{}", liToken).statusCode()).isEqualTo(404);
        assertThat(each(ok(api().get(CARDS + "/mine", liToken)), "number")).containsExactly(linumber);
        assertThat(each(ok(api().get(CARDS + "/mine", tokenOf(zhang))), "number")).containsExactly(number);
        assertThat(ok(api().get(CARDS + "/mine", People.WORKER_ZHANG_WEI.token()))).as("not a member here").isEmpty();

        assertThat(ok(api().get(CARDS + "/" + number, People.CHAIR_FUDE.token())).path("number").asString()).isEqualTo(number);
        assertThat(ok(api().get(CARDS + "/" + number, People.ADMIN.token())).path("number").asString()).isEqualTo(number);
        JsonNode seenByGovernment = ok(api().get(CARDS + "/" + number, People.LABOR_INSPECTION.token()));
        assertThat(seenByGovernment.path("number").asString()).isEqualTo(CardNumbers.mask(number));
        assertThat(seenByGovernment.path("numberMasked").asBoolean()).isTrue();
        assertThat(seenByGovernment.path("memberId").isNull()).as("nor whose card it is").isTrue();
    }

    @Test
    void numbersAndRequestsAreCheckedBeforeAnythingIsLookedUp() {
        String valid = CardNumbers.compose("6230913302", 99_999_990);
        String typo = valid.substring(0, 18) + (char) ('0' + (valid.charAt(18) - '0' + 1) % 10);

        HttpResponse<String> wrongCheckDigit = api().get(CARDS + "/" + typo, People.ADMIN.token());
        assertThat(wrongCheckDigit.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(wrongCheckDigit.body());
        assertThat(problem.path("type").asString()).isEqualTo("https://unionhub.cn/problems/invalid-card-number");
        assertThat(problem.path("errors").findValuesAsString("code")).containsExactly("card-number-check-digit");
        assertThat(api().get(CARDS + "/" + valid.substring(1), People.ADMIN.token()).statusCode()).isEqualTo(400);
        assertThat(api().post(CARDS + "/" + typo + "/freeze", "{}", People.ADMIN.token()).statusCode()).isEqualTo(400);
        assertThat(api().get(CARDS + "/" + valid, People.ADMIN.token()).statusCode()).as("valid, never issued").isEqualTo(404);

        HttpResponse<String> badIssue = api().post(CARDS, "{\"memberId\":\"M12\",\"cardType\":\"GOLD_CARD\"}", People.ADMIN.token());
        assertThat(badIssue.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badIssue.body()).path("errors").findValuesAsString("field")).containsExactly("memberId", "cardType");
        Holder member = member(FUDE, ZHENHAI);
        assertThat(api().post(CARDS, "{\"memberId\":\"" + member.memberId() + "\",\"cardType\":\"HARDSHIP_WORKER_CERTIFICATE\"}",
                People.ADMIN.token()).statusCode()).as("certificates are not numbered from the card range").isEqualTo(400);
        assertThat(api().post(CARDS, "{\"memberId\":\"" + member.memberId() + "\",\"cardType\":\"MODEL_WORKER_CARD\"}",
                People.ADMIN.token()).statusCode()).as("a 劳模卡 only for the model-worker register").isEqualTo(409);
        String number = created(api().post(CARDS, issue(member), People.ADMIN.token())).path("number").asString();
        assertThat(api().post(CARDS + "/" + number + "/activation", "{\"reason\":\"" + "长".repeat(201) + "\"}",
                People.ADMIN.token()).statusCode()).isEqualTo(400);
    }

    @Test
    void membersWhoLeftOrLiveWhereNoRangeIsConfiguredGetNoCardAndEachCityHasItsOwnRange() {
        Holder left = holders.put(new Holder(memberId(), "worker-left-" + random.nextInt(1_000_000), "U0FUDE0UNION1", FUDE,
                ZHENHAI, false));
        assertThat(problemType(api().post(CARDS, issue(left), People.CHAIR_FUDE.token()))).endsWith("/card-member-not-active");
        Holder beijing = member(FUDE, "110101");
        assertThat(problemType(api().post(CARDS, issue(beijing), People.CHAIR_FUDE.token()))).endsWith("/card-no-range");
        Holder qingdao = member(FUDE, "370202");
        assertThat(created(api().post(CARDS, issue(qingdao), People.CHAIR_FUDE.token())).path("number").asString())
                .startsWith("6230913702");
    }

    @Test
    void aHolderMayUnfreezeOnlyWhatTheyFrozeAndACancelledCardsNumberIsNeverIssuedAgain() {
        Holder member = member(FUDE, ZHENHAI);
        String worker = tokenOf(member);
        String first = created(api().post(CARDS, issue(member), People.CHAIR_FUDE.token())).path("number").asString();
        ok(api().post(CARDS + "/" + first + "/activation", "", worker));
        assertThat(ok(api().post(CARDS + "/" + first + "/freeze", "{\"reason\":\"卡暂时找不到\"}", worker)).path("status").asString())
                .isEqualTo("FROZEN");
        assertThat(ok(api().post(CARDS + "/" + first + "/unfreeze", "{}", worker)).path("status").asString()).isEqualTo("ACTIVE");
        ok(api().post(CARDS + "/" + first + "/freeze", "{\"reason\":\"核查异常使用\"}", People.CHAIR_FUDE.token()));
        assertThat(problemType(api().post(CARDS + "/" + first + "/unfreeze", "{}", worker))).endsWith("/card-frozen-by-union");
        HttpResponse<String> frozen = api().post(CARDS + "/" + first + "/activation", "{}", worker);
        assertThat(problemType(frozen)).endsWith("/card-illegal-transition");
        assertThat(frozen.body()).as("in words, not codes").contains("当前为“已冻结”，不能激活").doesNotContain("FROZEN", "ACTIVATE");

        assertThat(ok(api().post(CARDS + "/" + first + "/cancellation", "{\"reason\":\"会员调离\"}", People.CHAIR_FUDE.token()))
                .path("status").asString()).isEqualTo("CANCELLED");
        assertThat(problemType(api().post(CARDS + "/" + first + "/cancellation", "{}", People.CHAIR_FUDE.token())))
                .endsWith("/card-illegal-transition");
        String second = created(api().post(CARDS, issue(member), People.CHAIR_FUDE.token())).path("number").asString();
        assertThat(second).isNotEqualTo(first);
        assertThat(CardNumbers.sequence(second)).isGreaterThan(CardNumbers.sequence(first));
        Document counter = mongo.getCollection("card_counters").find(new Document("_id", "6230913302")).first();
        assertThat(counter.get("last", Number.class).longValue()).isGreaterThanOrEqualTo(CardNumbers.sequence(second));
        assertThat(each(ok(api().get(CARDS + "/mine", worker)), "status")).containsExactly("ISSUED", "CANCELLED");
    }

    @Test
    void requestsInterruptedBetweenTheirWritesAreFinishedByTheNextRequestForTheMember() {
        Date longAgo = Date.from(Instant.now().minus(Duration.ofHours(1)));

        // An issue that stopped after claiming its number: the next issue writes that card.
        Holder claimedOnly = member(FUDE, ZHENHAI);
        String orphan = CardNumbers.compose("6230913302", 90_000_000 + random.nextInt(1_000_000));
        mongo.getCollection("card_holders").insertOne(new Document("_id", claimedOnly.memberId() + ":MEMBER_SERVICE_CARD")
                .append("card", orphan).append("cards", List.of(orphan)).append("claimedAt", longAgo));
        JsonNode finished = created(api().post(CARDS, issue(claimedOnly), People.CHAIR_FUDE.token()));
        assertThat(finished.path("number").asString()).isEqualTo(orphan);
        assertThat(api().post(CARDS, issue(claimedOnly), People.CHAIR_FUDE.token()).statusCode()).isEqualTo(409);

        // A cancellation that stopped before freeing the member's place: the next issue takes it over.
        Holder cancelledOnly = member(FUDE, ZHENHAI);
        String cancelled = created(api().post(CARDS, issue(cancelledOnly), People.CHAIR_FUDE.token())).path("number").asString();
        ok(api().post(CARDS + "/" + cancelled + "/cancellation", "{}", People.CHAIR_FUDE.token()));
        mongo.getCollection("card_holders").updateOne(new Document("_id", cancelledOnly.memberId() + ":MEMBER_SERVICE_CARD"),
                new Document("$set", new Document("card", cancelled)));
        assertThat(created(api().post(CARDS, issue(cancelledOnly), People.CHAIR_FUDE.token())).path("number").asString())
                .isNotEqualTo(cancelled);

        // A replacement that stopped after moving the place to the new number: repeating it finishes it.
        Holder replacing = member(FUDE, ZHENHAI);
        String lost = created(api().post(CARDS, issue(replacing), People.CHAIR_FUDE.token())).path("number").asString();
        ok(api().post(CARDS + "/" + lost + "/activation", "{}", People.CHAIR_FUDE.token()));
        ok(api().post(CARDS + "/" + lost + "/loss-report", "{}", People.CHAIR_FUDE.token()));
        String drawn = CardNumbers.compose("6230913302", 91_000_000 + random.nextInt(1_000_000));
        mongo.getCollection("card_holders").updateOne(new Document("_id", replacing.memberId() + ":MEMBER_SERVICE_CARD"),
                new Document("$set", new Document("card", drawn).append("replaces", lost).append("claimedAt", longAgo))
                        .append("$push", new Document("cards", drawn)));
        JsonNode replacement = created(api().post(CARDS + "/" + lost + "/replacement", "{}", People.CHAIR_FUDE.token()));
        assertThat(replacement.path("number").asString()).isEqualTo(drawn);
        assertThat(replacement.path("replaces").path("number").asString()).isEqualTo(lost);
        JsonNode old = ok(api().get(CARDS + "/" + lost, People.CHAIR_FUDE.token()));
        assertThat(old.path("status").asString()).isEqualTo("REPLACED");
        assertThat(old.path("replacedBy").path("number").asString()).isEqualTo(drawn);
        assertThat(problemType(api().post(CARDS + "/" + lost + "/replacement", "{}", People.CHAIR_FUDE.token())))
                .endsWith("/card-illegal-transition");
    }

    @Test
    void lookingCardsUpByNumberOrHolderAreKeyLookupsHoweverManyCardsAreStored() {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            numbers.add(created(api().post(CARDS, issue(member(FUDE, ZHENHAI)), People.ADMIN.token())).path("number").asString());
        }
        Holder holder = member(FUDE, ZHENHAI);
        for (int i = 0; i < 2; i++) {
            String number = created(api().post(CARDS, issue(holder), People.ADMIN.token())).path("number").asString();
            ok(api().post(CARDS + "/" + number + "/cancellation", "{}", People.ADMIN.token()));
        }
        created(api().post(CARDS, issue(holder), People.ADMIN.token()));
        String worker = tokenOf(holder);
        try (StoreWork work = new StoreWork(TestInfrastructure.get().mongoUri())) {
            ok(api().get(CARDS + "/" + numbers.get(0), People.CHAIR_FUDE.token())); // warm up
            StoreWork.Reading before = work.read();
            for (String number : numbers.subList(0, 20)) {
                ok(api().get(CARDS + "/" + number, People.CHAIR_FUDE.token()));
            }
            assertThat(work.read().minus(before).examined()).as("documents examined by 20 look-ups among 40+ cards")
                    .isLessThan(200);

            before = work.read();
            for (int i = 0; i < 10; i++) {
                assertThat(ok(api().get(CARDS + "/mine", worker))).hasSize(3);
            }
            assertThat(work.read().minus(before).examined()).as("documents examined by 10 lists of a holder's 3 cards")
                    .isLessThan(150);
        }
    }

    // ---------------------------------------------------------------- helpers

    private ApiClient api() {
        return new ApiClient(port);
    }

    private String memberId() {
        return "M" + Card.newId(random).substring(1);
    }

    /** A new active member of the enterprise in the district, with their own sign-in account. */
    private Holder member(String enterprise, String district) {
        String id = memberId();
        return holders.put(new Holder(id, "worker-" + id.toLowerCase(), "U0" + enterprise.substring(8, 16), enterprise, district, true));
    }

    private static String tokenOf(Holder holder) {
        return TestTokens.token().subject(holder.account()).roles(Role.WORKER).enterprise(holder.enterprise())
                .district(holder.district()).build();
    }

    private static String issue(Holder holder) {
        return "{\"memberId\":\"" + holder.memberId() + "\",\"cardType\":\"MEMBER_SERVICE_CARD\"}";
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String problemType(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        return JSON.readTree(response.body()).path("type").asString();
    }

    /** One top-level field of every card in a list. */
    private static List<String> each(JsonNode cards, String field) {
        List<String> values = new ArrayList<>();
        cards.forEach(card -> values.add(card.path(field).asString()));
        return values;
    }

    private static String everythingIn(ConsumerRecord<String, byte[]> record) {
        StringBuilder all = new StringBuilder(record.key()).append(new String(record.value(), StandardCharsets.UTF_8));
        for (Header header : record.headers()) {
            all.append(header.key()).append('=').append(new String(header.value(), StandardCharsets.UTF_8));
        }
        return all.toString();
    }
}
