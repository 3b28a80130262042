package cn.unionhub.membercard.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static cn.unionhub.membercard.Answers.assertProblem;
import static cn.unionhub.membercard.Answers.created;
import static cn.unionhub.membercard.Answers.ok;
import static org.awaitility.Awaitility.await;

import cn.unionhub.membercard.RegisterData;
import cn.unionhub.membercard.RegisterData.LinkedMember;
import cn.unionhub.membercard.ledger.domain.Journal;
import cn.unionhub.membercard.ledger.domain.Ledger;
import cn.unionhub.membercard.ledger.domain.Transfer;
import cn.unionhub.membercard.ledger.domain.TransferRequest;
import cn.unionhub.membercard.ledger.store.LedgerStore;
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
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Welfare money through the API against the real broker and store: a district union funds its
 * account and pays a member, the worker sees the wallet; replays answer the first result; bad input
 * and other people's money change nothing; a transfer a crash cut between its legs is finished by
 * the reminders; the reconciliation proves the ledger and catches a tampered line.
 */
@IntegrationTest
class WelfareApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String WELFARE = "/api/v1/welfare";
    /** Each test its own district, so the accounts of one test are not another's. */
    private static final String[] DISTRICTS = {"370212", "370211", "370213", "370214"};

    @Autowired
    EventSchemas schemas;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    LedgerStore store;
    @Autowired
    Ledger ledger;
    @Autowired
    Clock clock;
    @Autowired
    MeterRegistry meters;
    @Value("${local.server.port}")
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }

    private static String districtUnion(String district) {
        return TestTokens.token().subject("staff-" + district).roles(Role.DISTRICT_UNION).district(district).build();
    }

    /** Opens the district's settlement account and fund and pays {@code fen} in; returns the fund's id. */
    private String fundedDistrict(String district, long fen) {
        String staff = districtUnion(district);
        created(api().post(WELFARE + "/accounts", "{\"kind\":\"SETTLEMENT\",\"owner\":\"" + district + "\",\"label\":\"银行存款\"}", staff));
        created(api().post(WELFARE + "/accounts", "{\"kind\":\"UNION_FUND\",\"owner\":\"" + district + "\",\"label\":\"工会经费\"}", staff));
        created(api().post(WELFARE + "/transfers", transfer("settlement:" + district, "fund:" + district, fen, "funding", null), staff,
                "funding-" + UUID.randomUUID()));
        return "fund:" + district;
    }

    /** {@link #fundedDistrict} with the district's suspense account open too. */
    private String fundedDistrictWithSuspense(String district, long fen) {
        String fund = fundedDistrict(district, fen);
        created(api().post(WELFARE + "/accounts", "{\"kind\":\"SUSPENSE\",\"owner\":\"" + district + "\",\"label\":\"待查明款项\"}",
                districtUnion(district)));
        return fund;
    }

    private static String transfer(String debit, String credit, Object fen, String code, String reference) {
        return "{\"debitAccount\":\"" + debit + "\",\"creditAccount\":\"" + credit + "\",\"amountFen\":" + fen + ",\"code\":\"" + code
                + "\"" + (reference == null ? "" : ",\"reference\":\"" + reference + "\"") + "}";
    }

    /**
     * The daily reconciliation streams the journal a batch at a time: fetched all at once (the
     * local store's answer to a find without a batch size), 52,000 lines ran the service out of heap.
     */
    @Test
    void theReconciliationReadsTheJournalInBatchesNotAllAtOnce() {
        String account = "zz-stream-test:" + UUID.randomUUID();
        java.util.List<Document> lines = new java.util.ArrayList<>();
        for (long n = 1; n <= 1_200; n++) {
            lines.add(new Document("_id", account + "!" + String.format("%012d", n)).append("account", account).append("sequence", n)
                    .append("leg", "leg-" + n).append("transfer", "t-" + n).append("side", "CREDIT").append("pendingChange", 0L)
                    .append("postedChange", 1L).append("at", new java.util.Date()).append("debitsPending", 0L).append("debitsPosted", 0L)
                    .append("creditsPending", 0L).append("creditsPosted", n));
        }
        mongo.getCollection("ledger_entries").insertMany(lines);
        try {
            long before = getMores();
            long read;
            try (var entries = store.allEntries()) {
                read = entries.filter(line -> line.accountId().equals(account)).count();
            }
            assertThat(read).isEqualTo(1_200);
            assertThat(getMores() - before).as("batches fetched after the first").isGreaterThanOrEqualTo(2);
        } finally {
            mongo.getCollection("ledger_entries").deleteMany(new Document("account", account));
        }
    }

    /** getMore commands the store has answered for this database: the local store counts them by database. */
    private long getMores() {
        Document status = mongo.getMongoDatabaseFactory().getMongoDatabase("admin").runCommand(new Document("serverStatus", 1));
        if (status.get("unionhubCommands") instanceof Document byTarget) {
            return ((Number) byTarget.getOrDefault(mongo.getDb().getName() + " getMore", 0L)).longValue();
        }
        return ((Number) status.get("metrics", Document.class).get("commands", Document.class).get("getMore", Document.class)
                .get("total")).longValue();
    }

    @Test
    void aDistrictUnionPaysAMemberOnceAndTheWorkerSeesTheWallet() {
        String district = DISTRICTS[0];
        String staff = districtUnion(district);
        String fund = fundedDistrict(district, 1_000_000);
        LinkedMember zhao = RegisterData.linkedMember(api(), district, "赵环卫");
        String wallet = "wallet:" + zhao.memberId();

        String grant = transfer(fund, wallet, 30_000, "grant", "grant:2026-winter:" + zhao.memberId());
        JsonNode first = created(api().post(WELFARE + "/transfers", grant, staff));
        assertThat(first.path("status").asString()).isEqualTo("POSTED");
        JsonNode again = created(api().post(WELFARE + "/transfers", grant, staff));
        assertThat(again).as("the same request again: the first answer").isEqualTo(first);
        HttpResponse<String> changed = api().post(WELFARE + "/transfers", transfer(fund, wallet, 31_000, "grant",
                "grant:2026-winter:" + zhao.memberId()), staff);
        assertProblem(changed, 409, "ledger-key-reused");

        JsonNode mine = ok(api().get(WELFARE + "/wallet", zhao.workerToken()));
        assertThat(mine.path("accountId").asString()).isEqualTo(wallet);
        assertThat(mine.path("balanceFen").asLong()).isEqualTo(30_000);
        assertThat(mine.path("latest")).hasSize(1);
        assertThat(mine.path("latest").get(0).path("postedChangeFen").asLong()).isEqualTo(30_000);
        assertThat(ok(api().get(WELFARE + "/accounts/" + fund, staff)).path("balanceFen").asLong()).isEqualTo(970_000);
        assertThat(ok(api().get(WELFARE + "/accounts/settlement:" + district, staff)).path("balanceFen").asLong()).isEqualTo(-1_000_000);

        // Money events travel on their own topic: the register copies read member-card.events and never see them.
        try (TopicProbe events = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "member-card.ledger");
                TopicProbe register = new TopicProbe(TestInfrastructure.get().kafkaBootstrapServers(), "member-card.events")) {
            String id = first.path("id").asString();
            await().atMost(Duration.ofSeconds(30)).until(() -> !events.withKey(id).isEmpty());
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> register.withKey(id).isEmpty());
            ConsumerRecord<String, byte[]> posted = events.withKey(id).get(0);
            assertThat(TopicProbe.header(posted, "ce_type")).isEqualTo("cn.unionhub.member-card.transfer-posted.v1");
            JsonNode data = JSON.readTree(posted.value());
            assertThat(schemas.violations("cn.unionhub.member-card.transfer-posted.v1", data)).isEmpty();
            assertThat(data.path("creditAccount").asString()).isEqualTo(wallet);
            assertThat(data.path("amountFen").asLong()).isEqualTo(30_000);
            assertThat(events.withKey(id)).as("one event, however often the request came").hasSize(1);
        }
    }

    @Test
    void badInputAndOtherPeoplesMoneyAreRefusedAndNothingMoves() {
        String district = DISTRICTS[1];
        String staff = districtUnion(district);
        String fund = fundedDistrict(district, 100_000);
        LinkedMember qian = RegisterData.linkedMember(api(), district, "钱快递");
        String wallet = "wallet:" + qian.memberId();
        created(api().post(WELFARE + "/transfers", transfer(fund, wallet, 5_000, "grant", "grant:test:" + qian.memberId()), staff));

        assertProblem(api().post(WELFARE + "/transfers", transfer(fund, wallet, "12.5", "grant", null), staff, "k1"), 400,
                "ledger-invalid-request");
        assertProblem(api().post(WELFARE + "/transfers", transfer(fund, wallet, 100, "grant", null), staff), 400, "ledger-invalid-request");
        assertProblem(api().post(WELFARE + "/transfers", transfer(fund, wallet, 0, "grant", null), staff, "k2"), 400, "ledger-invalid-request");
        assertProblem(api().post(WELFARE + "/transfers", transfer(fund, wallet, 100_001, "grant", null), staff, "k3"), 409,
                "ledger-insufficient-funds");
        assertProblem(api().post(WELFARE + "/transfers", transfer(fund, wallet, 100_001, "grant", null), staff, "k3"), 409,
                "ledger-insufficient-funds");
        // A district union never spends a member's money, and another district's union sees none of it.
        assertProblem(api().post(WELFARE + "/transfers", transfer(wallet, fund, 100, "refund", null), staff, "k4"), 403,
                "ledger-may-not-debit");
        String other = districtUnion(DISTRICTS[3]);
        assertProblem(api().get(WELFARE + "/accounts/" + fund, other), 404, "ledger-account-not-found");
        assertProblem(api().get(WELFARE + "/accounts/" + wallet, other), 404, "ledger-account-not-found");
        assertProblem(api().post(WELFARE + "/transfers", transfer(fund, wallet, 100, "grant", null), other, "k5"), 404,
                "ledger-account-not-found");
        assertThat(api().post(WELFARE + "/transfers", transfer(wallet, fund, 100, "refund", null), qian.workerToken(), "k6").statusCode())
                .isEqualTo(403);
        assertProblem(api().get(WELFARE + "/accounts/" + fund, qian.workerToken()), 404, "ledger-account-not-found");
        HttpResponse<String> english = api().send(java.net.http.HttpRequest.newBuilder(api().uri(WELFARE + "/transfers"))
                .header("Authorization", "Bearer " + staff).header("Content-Type", "application/json").header("Accept-Language", "en")
                .header("Idempotency-Key", "k7").POST(java.net.http.HttpRequest.BodyPublishers.ofString(transfer(fund, wallet, "1.5",
                        "grant", null))).build());
        assertThat(english.statusCode()).isEqualTo(400);
        assertThat(english.body()).contains("whole fen");

        // Another district's accounts cannot be opened ahead of it under its name, nor a campaign's or merchant's.
        String squatter = districtUnion(DISTRICTS[3]);
        HttpResponse<String> squatted = api().post(WELFARE + "/accounts", "{\"kind\":\"UNION_FUND\",\"owner\":\"370283\",\"label\":\"x\"}",
                squatter);
        assertProblem(squatted, 400, "ledger-invalid-request");
        assertThat(squatted.body()).contains("ledger-owner-outside-your-district");
        assertProblem(api().post(WELFARE + "/accounts", "{\"kind\":\"EMPLOYER_ESCROW\",\"owner\":\"" + qian.enterprise()
                + "\",\"label\":\"x\"}", squatter), 400, "ledger-invalid-request");
        assertThat(api().post(WELFARE + "/accounts", "{\"kind\":\"MERCHANT_RECEIVABLE\",\"owner\":\"MCH-next\",\"label\":\"x\"}",
                squatter).body()).contains("ledger-account-opens-itself");
        assertThat(api().get(WELFARE + "/accounts/fund:370283", People.ADMIN.token()).statusCode()).isEqualTo(404);

        // A member of another district whose wallet is not open yet: refused like an unknown member, and the wallet stays unopened.
        LinkedMember elsewhere = RegisterData.linkedMember(api(), DISTRICTS[3], "孙外区");
        assertProblem(api().post(WELFARE + "/transfers", transfer(fund, "wallet:" + elsewhere.memberId(), 100, "grant", null), staff, "k8"),
                404, "ledger-account-not-found");
        assertProblem(api().post(WELFARE + "/transfers", transfer(fund, "wallet:M0000000000ZZ", 100, "grant", null), staff, "k9"),
                404, "ledger-account-not-found");
        assertThat(api().get(WELFARE + "/accounts/wallet:" + elsewhere.memberId(), People.ADMIN.token()).statusCode())
                .as("the refused transfer opened nothing").isEqualTo(404);

        assertThat(ok(api().get(WELFARE + "/accounts/" + fund, staff)).path("balanceFen").asLong()).isEqualTo(95_000);
        assertThat(ok(api().get(WELFARE + "/wallet", qian.workerToken())).path("balanceFen").asLong()).isEqualTo(5_000);
    }

    /** 双人复核: money booked above the limit as arrived from the bank takes two people of the office, whatever their rank. */
    @Test
    void aLargeSumFromTheBankIsProposedByOneClerkAndPostedByAnother() {
        String district = "370203"; // its own: the fund's balance is checked
        String staff = districtUnion(district);
        String fund = fundedDistrict(district, 100_000_000L); // the limit itself: one clerk
        long before = ok(api().get(WELFARE + "/accounts/" + fund, staff)).path("balanceFen").asLong();
        String tenBillion = "1000000000000";
        assertProblem(api().post(WELFARE + "/transfers", transfer("settlement:" + district, fund, tenBillion, "funding", null), staff,
                "big-" + UUID.randomUUID()), 409, "ledger-second-clerk-required");
        String admin = TestTokens.token().subject("admin-big").roles(Role.ADMIN).build();
        assertProblem(api().post(WELFARE + "/transfers", transfer("settlement:" + district, fund, tenBillion, "funding", null), admin,
                "big-" + UUID.randomUUID()), 409, "ledger-second-clerk-required");
        JsonNode proposed = created(api().post(WELFARE + "/transfers", "{\"kind\":\"HOLD\",\"debitAccount\":\"settlement:" + district
                + "\",\"creditAccount\":\"" + fund + "\",\"amountFen\":" + tenBillion + ",\"code\":\"funding\",\"holdSeconds\":86400}",
                staff, "big-hold-" + UUID.randomUUID()));
        String post = "{\"kind\":\"POST\",\"holdId\":\"" + proposed.path("id").asString() + "\"}";
        assertProblem(api().post(WELFARE + "/transfers", post, staff, "big-post-" + UUID.randomUUID()), 403, "ledger-second-clerk-not-you");
        assertThat(ok(api().get(WELFARE + "/accounts/" + fund, staff)).path("balanceFen").asLong()).as("nothing booked yet").isEqualTo(before);
        String colleague = TestTokens.token().subject("staff2-" + district).roles(Role.DISTRICT_UNION).district(district).build();
        assertThat(created(api().post(WELFARE + "/transfers", post, colleague, "big-post-2")).path("status").asString()).isEqualTo("POSTED");
        assertThat(ok(api().get(WELFARE + "/accounts/" + fund, staff)).path("balanceFen").asLong()).isEqualTo(before + 1_000_000_000_000L);
        // The limit holds over the person's day: having booked the limit alone this morning, one fen more is a second person's.
        String oneMore = transfer("settlement:" + district, fund, 1, "funding", null);
        assertProblem(api().post(WELFARE + "/transfers", oneMore, staff, "one-more-" + UUID.randomUUID()), 409,
                "ledger-second-clerk-required");
        assertThat(created(api().post(WELFARE + "/transfers", oneMore, colleague, "one-more-" + UUID.randomUUID())).path("status")
                .asString()).as("the colleague's own day").isEqualTo("POSTED");
        // A batch straight from the bank cannot be held: the clerk is told to move the sum into the fund first.
        String batch = "{\"kind\":\"BATCH\",\"debitAccount\":\"settlement:" + district + "\",\"credits\":[{\"account\":\"" + fund
                + "\",\"amountFen\":100000001}],\"code\":\"funding\"}";
        assertProblem(api().post(WELFARE + "/transfers", batch, colleague, "batch-" + UUID.randomUUID()), 409, "ledger-second-clerk-batch");
        // Paid out to the bank, the same: a large sum out of the fund is one person's proposal and another's posting — as a
        // transfer or as a batch with the bank among its credits.
        String third = TestTokens.token().subject("staff3-" + district).roles(Role.DISTRICT_UNION).district(district).build();
        assertProblem(api().post(WELFARE + "/transfers", transfer(fund, "settlement:" + district, 100_000_001L, "payout", null), third,
                "out-" + UUID.randomUUID()), 409, "ledger-second-clerk-required");
        assertProblem(api().post(WELFARE + "/transfers", "{\"kind\":\"BATCH\",\"debitAccount\":\"" + fund + "\",\"credits\":[{\"account\":"
                + "\"settlement:" + district + "\",\"amountFen\":100000001}],\"code\":\"payout\"}", third, "out-batch-" + UUID.randomUUID()),
                409, "ledger-second-clerk-required");
        JsonNode out = created(api().post(WELFARE + "/transfers", "{\"kind\":\"HOLD\",\"debitAccount\":\"" + fund + "\",\"creditAccount\":"
                + "\"settlement:" + district + "\",\"amountFen\":100000001,\"code\":\"payout\",\"holdSeconds\":3600}", third,
                "out-hold-" + UUID.randomUUID()));
        assertThat(created(api().post(WELFARE + "/transfers", "{\"kind\":\"POST\",\"holdId\":\"" + out.path("id").asString() + "\"}",
                colleague, "out-post-" + UUID.randomUUID())).path("status").asString()).isEqualTo("POSTED");
    }

    @Test
    void aHoldIsPostedInPartAndTheRestReleased() {
        String district = DISTRICTS[2];
        String staff = districtUnion(district);
        String fund = fundedDistrictWithSuspense(district, 50_000);
        String suspense = "suspense:" + district;

        JsonNode hold = created(api().post(WELFARE + "/transfers", "{\"kind\":\"HOLD\",\"debitAccount\":\"" + fund + "\",\"creditAccount\":\""
                + suspense + "\",\"amountFen\":20000,\"code\":\"payroll\",\"holdSeconds\":600}", staff, "hold-1"));
        assertThat(hold.path("status").asString()).isEqualTo("HELD");
        JsonNode held = ok(api().get(WELFARE + "/accounts/" + fund, staff));
        assertThat(held.path("availableFen").asLong()).isEqualTo(30_000);
        assertThat(held.path("heldFen").asLong()).isEqualTo(20_000);

        JsonNode post = created(api().post(WELFARE + "/transfers", "{\"kind\":\"POST\",\"holdId\":\"" + hold.path("id").asString()
                + "\",\"amountFen\":15000}", staff, "post-1"));
        assertThat(post.path("status").asString()).isEqualTo("POSTED");
        assertProblem(api().post(WELFARE + "/transfers", "{\"kind\":\"VOID\",\"holdId\":\"" + hold.path("id").asString() + "\"}", staff,
                "void-1"), 409, "ledger-hold-already-settled");
        JsonNode after = ok(api().get(WELFARE + "/accounts/" + fund, staff));
        assertThat(after.path("balanceFen").asLong()).isEqualTo(35_000);
        assertThat(after.path("availableFen").asLong()).isEqualTo(35_000);
        assertThat(ok(api().get(WELFARE + "/transfers/" + hold.path("id").asString(), staff)).path("status").asString())
                .isEqualTo("POSTED");
    }

    /**
     * Every transfer sets a reminder in case it is cut off, so every redemption's hold and payment
     * come back to the reminders 15 s later, almost always long finished. Handed over a bucket at a
     * time, forty of them cost the store what four do: one read of the transfers and one of the holds
     * their payments took (it was a read or two for each).
     */
    @Test
    void remindersOfFinishedTransfersCostTwoReadsHoweverMany() {
        String district = "370282";
        String staff = districtUnion(district);
        String fund = fundedDistrictWithSuspense(district, 100_000);
        java.util.function.IntFunction<java.util.List<String>> heldAndPaid = n -> java.util.stream.IntStream.range(0, n).boxed()
                .flatMap(i -> {
                    String key = "wake-" + UUID.randomUUID();
                    Transfer hold = ledger.submit("caller:test", key, TransferRequest.hold(fund, "suspense:" + district, 100, "test", null,
                            Duration.ofMinutes(5)), "test");
                    Transfer paid = ledger.submit("caller:test", key + ":pay", TransferRequest.post(hold.id(), null, null), "test");
                    assertThat(paid.status()).isEqualTo(Transfer.Status.POSTED);
                    return java.util.stream.Stream.of(hold.id(), paid.id());
                }).toList();
        java.util.List<String> few = heldAndPaid.apply(2);
        java.util.List<String> many = heldAndPaid.apply(20);
        try (StoreWork work = new StoreWork(TestInfrastructure.get().mongoUri())) {
            // The relay is still publishing those transfers' events: each reading starts once it is through.
            work.awaitNoDocumentsExamined();
            StoreWork.Reading before = work.read();
            assertThat(ledger.wakeAll(few, (id, e) -> { throw e; })).containsExactlyInAnyOrderElementsOf(few);
            long forFew = work.read().minus(before).commands();
            work.awaitNoDocumentsExamined();
            before = work.read();
            assertThat(ledger.wakeAll(many, (id, e) -> { throw e; })).containsExactlyInAnyOrderElementsOf(many);
            long forMany = work.read().minus(before).commands();
            // The margin is for this JVM's background work (the relay, the timer jobs).
            assertThat(forMany).as("store commands for 40 reminders vs %d for 4", forFew).isLessThanOrEqualTo(forFew + 3);
            assertThat(forFew).isLessThanOrEqualTo(5);
        }
        assertThat(ok(api().get(WELFARE + "/accounts/suspense:" + district, staff)).path("balanceFen").asLong()).isEqualTo(2_200);
    }

    @Test
    void aTransferCutOffBetweenItsLegsIsFinishedByTheRemindersAndTheLedgerReconciles() {
        String district = "370281";
        String staff = districtUnion(district);
        String fund = fundedDistrictWithSuspense(district, 10_000);
        // What a crash after the debit leg leaves: the transfer accepted, its debit line written, no credit.
        Transfer accepted = Transfer.accept("caller:test", "cut-" + UUID.randomUUID(),
                TransferRequest.transfer(fund, "suspense:" + district, 4_000, "correction", null), "test", clock.instant());
        assertThat(store.insert(accepted)).isTrue();
        Journal journal = new Journal(store, clock);
        assertThat(journal.apply(accepted.legs().get(0))).isInstanceOf(Journal.Applied.class);
        store.remind(accepted.id(), clock.instant());

        await().atMost(Duration.ofSeconds(30)).until(() -> store.find(accepted.id()).orElseThrow().status() == Transfer.Status.POSTED);
        assertThat(ok(api().get(WELFARE + "/accounts/suspense:" + district, staff)).path("balanceFen").asLong()).isEqualTo(4_000);
        assertThat(ok(api().get(WELFARE + "/accounts/" + fund, staff)).path("balanceFen").asLong()).isEqualTo(6_000);

        JsonNode clean = ok(api().post(WELFARE + "/reconciliations", "{}", People.ADMIN.token()));
        assertThat(clean.path("violations")).isEmpty();
        assertThat(clean.path("clean").asBoolean()).isTrue();
        assertThat(clean.path("entries").asLong()).isPositive();

        // Somebody edits a line in the database: the next run says which and where, and the gauge goes up.
        String key = "suspense:" + district + "!000000000001";
        Document line = mongo.getCollection("ledger_entries").find(new Document("_id", key)).first();
        mongo.getCollection("ledger_entries").updateOne(new Document("_id", key), new Document("$set", new Document("creditsPosted", 400_000L)));
        try {
            JsonNode broken = ok(api().post(WELFARE + "/reconciliations", "{}", People.ADMIN.token()));
            assertThat(broken.path("clean").asBoolean()).isFalse();
            assertThat(broken.path("violations").toString())
                    .contains("\"line-mismatch suspense:" + district + " at 1\"", "\"balance-mismatch suspense:" + district + "\"");
            assertThat(meters.get("unionhub_ledger_invariant_violations").gauge().value()).isGreaterThanOrEqualTo(2);
            assertThat(ok(api().get(WELFARE + "/reconciliations/latest", People.ADMIN.token())).path("runId").asString())
                    .isEqualTo(broken.path("runId").asString());
            assertThat(api().get(WELFARE + "/reconciliations/latest", staff).statusCode()).isEqualTo(403);
        } finally {
            mongo.getCollection("ledger_entries").replaceOne(new Document("_id", key), line);
        }
        assertThat(ok(api().post(WELFARE + "/reconciliations", "{}", People.ADMIN.token())).path("clean").asBoolean()).isTrue();
    }

    @Test
    void anEmployersPayrollPaysEachMemberOnceAndParksStrangersInSuspense() {
        String district = "370215";
        String staff = districtUnion(district);
        LinkedMember worker = RegisterData.linkedMember(api(), district, "孙农民工");
        String employer = worker.enterprise();
        escrowPaidIn(district, employer, 100_000, staff);
        String stranger = RegisterData.freshResidentId();
        String batch = "{\"employer\":\"" + employer + "\",\"batchId\":\"2026-11\",\"lines\":[{\"idNumber\":\"" + worker.idNumber()
                + "\",\"name\":\"孙农民工\",\"amountFen\":50000},{\"idNumber\":\"" + stranger + "\",\"name\":\"未入会\",\"amountFen\":30000}]}";

        // Another district's clerk sends the reference the payroll will use, first: it is that district's
        // key, and the payroll is not blocked (it was, with 409 ledger-key-reused, for good).
        fundedDistrict("370281", 100);
        created(api().post(WELFARE + "/transfers", transfer("settlement:370281", "fund:370281", 1, "funding",
                "payroll:" + employer + ":2026-11"), districtUnion("370281")));

        JsonNode paid = created(api().post(WELFARE + "/payrolls", batch, staff));
        assertThat(paid.path("status").asString()).isEqualTo("DISBURSED");
        assertThat(paid.path("paidLines").asInt()).isEqualTo(1);
        assertThat(paid.path("paidFen").asLong()).isEqualTo(50_000);
        assertThat(paid.path("suspenseFen").asLong()).isEqualTo(30_000);
        assertThat(paid.path("suspense").get(0).path("reason").asString()).isEqualTo("not-a-member");
        assertThat(paid.toString()).doesNotContain(stranger, worker.idNumber());
        assertThat(created(api().post(WELFARE + "/payrolls", batch, staff))).as("the same batch again").isEqualTo(paid);
        assertProblem(api().post(WELFARE + "/payrolls", batch.replace("50000", "50001"), staff), 409, "ledger-key-reused");
        assertThat(ok(api().get(WELFARE + "/wallet", worker.workerToken())).path("balanceFen").asLong()).isEqualTo(50_000);
        assertThat(ok(api().get(WELFARE + "/accounts/suspense:" + district, staff)).path("balanceFen").asLong()).isEqualTo(30_000);
        assertThat(ok(api().get(WELFARE + "/accounts/escrow:" + employer, staff)).path("balanceFen").asLong()).isEqualTo(20_000);
        // The employer's wages do not leave the escrow by hand for anything but going back to the employer.
        assertThat(api().post(WELFARE + "/accounts", "{\"kind\":\"UNION_FUND\",\"owner\":\"" + district + "\",\"label\":\"工会经费\"}", staff)
                .statusCode()).isIn(200, 201);
        assertProblem(api().post(WELFARE + "/transfers", transfer("escrow:" + employer, "fund:" + district, 100, "wages", null), staff,
                "escrow-to-fund"), 403, "ledger-escrow-through-payroll");
        assertProblem(api().post(WELFARE + "/transfers", transfer("escrow:" + employer, "wallet:" + worker.memberId(), 100, "wages", null),
                staff, "escrow-to-wallet"), 403, "ledger-escrow-through-payroll");
        assertThat(ok(api().get(WELFARE + "/accounts/escrow:" + employer, staff)).path("balanceFen").asLong()).isEqualTo(20_000);
        created(api().post(WELFARE + "/transfers", transfer("escrow:" + employer, "settlement:" + district, 100, "refund", null), staff,
                "escrow-back-" + employer));
        created(api().post(WELFARE + "/transfers", transfer("settlement:" + district, "escrow:" + employer, 100, "wages", null), staff,
                "escrow-again-" + employer));

        // More than the escrow holds: refused whole, nothing moves; a wrong identity number is bad input.
        assertProblem(api().post(WELFARE + "/payrolls", batch.replace("2026-11", "2026-12"), staff), 409, "ledger-insufficient-funds");
        JsonNode tooMuch = ok(api().get(WELFARE + "/payrolls/" + employer + "/2026-12", staff));
        assertThat(tooMuch.path("status").asString()).isEqualTo("REJECTED");
        assertThat(tooMuch.path("reason").asString()).isEqualTo("insufficient-funds");
        assertProblem(api().post(WELFARE + "/payrolls", batch.replace("2026-11", "2027-01").replace(stranger, "370215199001011234"), staff),
                400, "ledger-invalid-request");
        assertThat(ok(api().get(WELFARE + "/wallet", worker.workerToken())).path("balanceFen").asLong()).isEqualTo(50_000);
        assertProblem(api().post(WELFARE + "/payrolls", batch.replace("2026-11", "2027-02"), districtUnion("370211")), 404,
                "payroll-employer-not-found");

        // Someone else's name under a member's number is not that member's pay: it waits in suspense, marked; a line without a name is bad input.
        JsonNode misnamed = created(api().post(WELFARE + "/payrolls", "{\"employer\":\"" + employer + "\",\"batchId\":\"2026-11-c\","
                + "\"lines\":[{\"idNumber\":\"" + worker.idNumber() + "\",\"name\":\"李四\",\"amountFen\":100}]}", staff));
        assertThat(misnamed.path("paidLines").asInt()).isZero();
        assertThat(misnamed.path("suspense").get(0).path("reason").asString()).isEqualTo("name-differs");
        assertThat(ok(api().get(WELFARE + "/wallet", worker.workerToken())).path("balanceFen").asLong()).isEqualTo(50_000);
        assertProblem(api().post(WELFARE + "/payrolls", "{\"employer\":\"" + employer + "\",\"batchId\":\"2026-11-d\","
                + "\"lines\":[{\"idNumber\":\"" + worker.idNumber() + "\",\"amountFen\":100}]}", staff), 400, "ledger-invalid-request");

        // A migrant worker who is a member in another district: the wallet the payroll opens is that district's.
        LinkedMember migrant = RegisterData.linkedMember(api(), "370212", "钱外来工");
        JsonNode theirs = created(api().post(WELFARE + "/payrolls", "{\"employer\":\"" + employer + "\",\"batchId\":\"2026-11-b\","
                + "\"lines\":[{\"idNumber\":\"" + migrant.idNumber() + "\",\"name\":\"钱外来工\",\"amountFen\":10000}]}", staff));
        assertThat(theirs.path("paidLines").asInt()).isEqualTo(1);
        assertThat(ok(api().get(WELFARE + "/accounts/wallet:" + migrant.memberId(), districtUnion("370212"))).path("balanceFen").asLong())
                .isEqualTo(10_000);
        assertThat(api().get(WELFARE + "/accounts/wallet:" + migrant.memberId(), staff).statusCode())
                .as("the employer's district does not see another district's member's wallet").isEqualTo(404);

        // The refused batch moved nothing and shows nothing paid or parked; once the employer has paid in, asking
        // again pays it under its own batch id (a new attempt, its own transfer), and asking once more answers that.
        assertThat(tooMuch.path("paidLines").asInt()).isZero();
        assertThat(tooMuch.path("suspense")).isEmpty();
        assertProblem(api().post(WELFARE + "/payrolls", batch.replace("2026-11", "2026-12"), staff), 409, "ledger-insufficient-funds");
        assertThat(ok(api().get(WELFARE + "/payrolls/" + employer + "/2026-12", staff)).path("status").asString())
                .as("asked again, still short").isEqualTo("REJECTED");
        created(api().post(WELFARE + "/transfers", transfer("settlement:" + district, "escrow:" + employer, 70_100, "wages", null), staff,
                "wages-topped-up-" + employer));
        JsonNode retried = created(api().post(WELFARE + "/payrolls", batch.replace("2026-11", "2026-12"), staff));
        assertThat(retried.path("status").asString()).isEqualTo("DISBURSED");
        assertThat(retried.path("attempt").asInt()).isEqualTo(3);
        assertThat(retried.path("paidFen").asLong()).isEqualTo(50_000);
        assertThat(retried.path("transferId").asString()).isNotEqualTo(tooMuch.path("transferId").asString());
        assertThat(created(api().post(WELFARE + "/payrolls", batch.replace("2026-11", "2026-12"), staff))).isEqualTo(retried);
        assertThat(ok(api().get(WELFARE + "/payrolls/" + employer + "/2026-12", staff))).isEqualTo(retried);
        // The clerk lists the employer's batches, the newest first, each as it stands now (2026-12 paid at its third attempt;
        // 2027-01 was bad input and is none); another district's clerk sees none of them.
        JsonNode batches = ok(api().get(WELFARE + "/payrolls/" + employer, staff));
        assertThat(batches.findValuesAsString("batchId")).containsExactly("2026-11-b", "2026-11-c", "2026-12", "2026-11");
        assertThat(batches.get(2)).isEqualTo(retried);
        assertThat(batches.toString()).doesNotContain(stranger, worker.idNumber());
        assertProblem(api().get(WELFARE + "/payrolls/" + employer, districtUnion("370211")), 404, "payroll-employer-not-found");
        // The worker opens the transfer their wallet's line names (the wages' batch); another worker cannot.
        String wages = retried.path("transferId").asString();
        JsonNode ownWages = ok(api().get(WELFARE + "/transfers/" + wages, worker.workerToken()));
        assertThat(ownWages.path("id").asString()).isEqualTo(wages);
        assertThat(ownWages.path("amountFen").asLong()).as("their own line, not the employer's wage bill").isEqualTo(50_000);
        assertThat(ownWages.path("creditAccount").asString()).isEqualTo("wallet:" + worker.memberId());
        assertThat(api().get(WELFARE + "/transfers/" + wages, RegisterData.linkedMember(api(), district, "旁人").workerToken())
                .statusCode()).isEqualTo(404);
        assertThat(ok(api().get(WELFARE + "/wallet", worker.workerToken())).path("balanceFen").asLong()).isEqualTo(100_000);
        assertThat(ok(api().get(WELFARE + "/accounts/escrow:" + employer, staff)).path("balanceFen").asLong()).isZero();

        // Asked again after a refusal, who is a member is decided again: 孙 left the union in between, so his line waits in suspense.
        String march = "{\"employer\":\"" + employer + "\",\"batchId\":\"2027-03\",\"lines\":[{\"idNumber\":\"" + worker.idNumber()
                + "\",\"name\":\"孙农民工\",\"amountFen\":1000}]}";
        assertProblem(api().post(WELFARE + "/payrolls", march, staff), 409, "ledger-insufficient-funds");
        ok(api().post("/api/v1/members/" + worker.memberId() + "/leaving", "{}", staff));
        created(api().post(WELFARE + "/transfers", transfer("settlement:" + district, "escrow:" + employer, 1_000, "wages", null), staff,
                "wages-march-" + employer));
        JsonNode afterLeaving = created(api().post(WELFARE + "/payrolls", march, staff));
        assertThat(afterLeaving.path("status").asString()).isEqualTo("DISBURSED");
        assertThat(afterLeaving.path("paidLines").asInt()).isZero();
        assertThat(afterLeaving.path("suspense").get(0).path("reason").asString()).isEqualTo("not-a-member");
        // A row's bad amount names the row.
        HttpResponse<String> badAmount = api().post(WELFARE + "/payrolls", march.replace("2027-03", "2027-04").replace("1000", "10.5"), staff);
        assertProblem(badAmount, 400, "ledger-invalid-request");
        assertThat(JSON.readTree(badAmount.body()).path("errors").get(0).path("field").asString()).isEqualTo("lines[0].amountFen");
        HttpResponse<String> noEmployer = api().post(WELFARE + "/payrolls", march.replace("\"employer\":\"" + employer + "\",", ""), staff);
        assertProblem(noEmployer, 400, "ledger-invalid-request");
        assertThat(JSON.readTree(noEmployer.body()).path("errors").get(0).path("field").asString()).isEqualTo("employer");
        // Under another name, that member's line says what an unknown number's does: the clerk, who may not see them,
        // learns neither that they are a member nor their name from it.
        created(api().post(WELFARE + "/transfers", transfer("settlement:" + district, "escrow:" + employer, 1, "wages", null), staff,
                "wages-probe-" + employer));
        JsonNode probed = created(api().post(WELFARE + "/payrolls", "{\"employer\":\"" + employer + "\",\"batchId\":\"2026-11-p\","
                + "\"lines\":[{\"idNumber\":\"" + migrant.idNumber() + "\",\"name\":\"某某\",\"amountFen\":1}]}", staff));
        assertThat(probed.path("suspense").get(0).path("reason").asString()).isEqualTo("not-a-member");
        // Parked wages are the worker's: a clerk moves them to a wallet or back to the employer, not into the union's fund.
        assertProblem(api().post(WELFARE + "/transfers", transfer("suspense:" + district, "fund:" + district, 100, "funding", "suspense-to-fund"),
                staff), 403, "ledger-suspense-to-workers");
        // …and never one clerk alone (a parked line went into any member's wallet): proposed as a HOLD, posted by another.
        assertProblem(api().post(WELFARE + "/transfers", transfer("suspense:" + district, "wallet:" + worker.memberId(), 100, "wages", null),
                staff, "suspense-alone-" + employer), 409, "ledger-second-clerk-suspense");
        JsonNode placing = created(api().post(WELFARE + "/transfers", "{\"kind\":\"HOLD\",\"debitAccount\":\"suspense:" + district
                + "\",\"creditAccount\":\"wallet:" + worker.memberId() + "\",\"amountFen\":100,\"code\":\"wages\",\"holdSeconds\":3600}",
                staff, "suspense-hold-" + employer));
        String placed = "{\"kind\":\"POST\",\"holdId\":\"" + placing.path("id").asString() + "\"}";
        assertProblem(api().post(WELFARE + "/transfers", placed, staff, "suspense-post-" + employer), 403, "ledger-second-clerk-not-you");
        String colleague = TestTokens.token().subject("staff2-" + district).roles(Role.DISTRICT_UNION).district(district).build();
        assertThat(created(api().post(WELFARE + "/transfers", placed, colleague, "suspense-post2-" + employer)).path("status").asString())
                .isEqualTo("POSTED");
        assertThat(ok(api().post(WELFARE + "/reconciliations", "{}", People.ADMIN.token())).path("clean").asBoolean()).isTrue();
    }

    /**
     * A payroll for an employer whose escrow is not open is refused and nothing is kept: until 2026-12-04 it was
     * stored, answered 404, and paid by its reminder once the escrow was opened, so a union that trusted the 404
     * and sent it again under another batch id paid the workers twice.
     */
    @Test
    void aPayrollWithoutTheEmployersEscrowIsRefusedAndNeverPaidLater() {
        String district = "370215";
        String staff = districtUnion(district);
        LinkedMember worker = RegisterData.linkedMember(api(), district, "周无专户");
        String employer = worker.enterprise();
        String batch = "{\"employer\":\"" + employer + "\",\"batchId\":\"NO-ESCROW\",\"lines\":[{\"idNumber\":\"" + worker.idNumber()
                + "\",\"name\":\"周无专户\",\"amountFen\":5000}]}";
        assertProblem(api().post(WELFARE + "/payrolls", batch, staff), 404, "ledger-account-not-found");
        assertProblem(api().get(WELFARE + "/payrolls/" + employer + "/NO-ESCROW", staff), 404, "payroll-not-found");
        escrowPaidIn(district, employer, 5_000, staff);
        assertProblem(api().get(WELFARE + "/payrolls/" + employer + "/NO-ESCROW", staff), 404, "payroll-not-found");
        assertThat(ok(api().get(WELFARE + "/accounts/escrow:" + employer, staff)).path("balanceFen").asLong()).isEqualTo(5_000);
    }

    /** The district's settlement account and the employer's wage escrow opened, and {@code fen} of wages paid into it. */
    private void escrowPaidIn(String district, String employer, long fen, String staff) {
        created(api().post(WELFARE + "/accounts", "{\"kind\":\"SETTLEMENT\",\"owner\":\"" + district + "\",\"label\":\"银行存款\"}", staff));
        created(api().post(WELFARE + "/accounts", "{\"kind\":\"EMPLOYER_ESCROW\",\"owner\":\"" + employer + "\",\"label\":\"工资专户\"}", staff));
        created(api().post(WELFARE + "/transfers", transfer("settlement:" + district, "escrow:" + employer, fen, "wages", null), staff,
                "wages-" + employer));
    }
}
