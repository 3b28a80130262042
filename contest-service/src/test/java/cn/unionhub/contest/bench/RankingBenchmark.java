package cn.unionhub.contest.bench;

import cn.unionhub.contest.common.store.BenchBodies;
import cn.unionhub.contest.fixtures.Contests;
import cn.unionhub.contest.fixtures.LedgerBook;
import cn.unionhub.contest.fixtures.People;
import cn.unionhub.contest.judging.domain.ScoreEntry;
import cn.unionhub.contest.judging.domain.ScoreLedger;
import cn.unionhub.contest.judging.store.LedgerReads;
import cn.unionhub.contest.ranking.domain.Ranking;
import cn.unionhub.contest.registration.domain.Registration;
import cn.unionhub.contest.registration.store.RosterReads;
import cn.unionhub.devstack.EmbeddedMongo;
import cn.unionhub.test.TestInfrastructure;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Load driver (not a test): issue #15's "10,000 competitors in one event ranked in ≤ 1 s". Writes
 * every competitor's full scoresheet on one event's hash-chained ledger (theory, three judges on the
 * judged aspect, the other aspects, the time used: 10 lines each, 100,000 in all), then computes
 * the ranking from the lines as the service does on every request ({@code ScoreLedger.scorecards}
 * folding the lines into scorecards, then {@code Ranking.of}) — several rounds, the first ones
 * warming up the JIT. With {@code store}, the registrations and lines are also written to a
 * file-backed MongoDB-wire server like the local run's, and each round reads them through the
 * service's own {@code Registrations.approved} and {@code Ledgers.lines} as a ranking request does:
 * the first round from a cold start, each later one after one more competitor was scored (ten new
 * lines), the ranking checked against the one computed from the book. Run as documented in
 * docs/benchmarks.md.
 */
public final class RankingBenchmark {

    public static void main(String[] args) throws java.io.IOException {
        int competitors = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        boolean store = args.length > 2 && args[2].equals("store");
        LedgerBook book = LedgerBook.countyWelding();
        SplittableRandom random = new SplittableRandom(20250920);
        List<Registration> roster = new ArrayList<>(competitors);
        for (int i = 0; i < competitors; i++) {
            roster.add(Contests.registered(Contests.COUNTY_WELDING + String.format("-R%05d", i), People.employee(i,
                    People.ENTERPRISES.get(i % People.ENTERPRISES.size()))));
        }
        // With the store, the last rounds - 1 competitors are scored one per round, between the rounds,
        // as judges go on scoring while the office watches the ranking.
        int later = store ? Math.min(competitors, rounds - 1) : 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < competitors - later; i++) {
            scoreFully(book, roster.get(i), random);
        }
        System.out.printf("ledger written: %,d lines for %,d competitors in %.1f s%n", book.entries().size(), competitors - later,
                (System.nanoTime() - t0) / 1e9);
        if (!store) {
            for (int round = 1; round <= rounds; round++) {
                long start = System.nanoTime();
                Ranking ranking = book.ranking(roster);
                report(round, ranking, book.entries().size(), 0, System.nanoTime() - start);
            }
            return;
        }
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ranking-bench-");
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir.resolve("store.mv"), TestInfrastructure.freePort());
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoTemplate template = new MongoTemplate(client, "bench");
            LedgerReads ledger = new LedgerReads(template, BenchBodies.create());
            RosterReads registrations = new RosterReads(template, BenchBodies.create());
            String eventId = Contests.COUNTY_WELDING;
            registrations.write(roster);
            ledger.write(book.entries(), book.head());
            long heapBefore = usedHeapAfterGc();
            for (int round = 1; round <= rounds; round++) {
                if (round == 2) {
                    System.out.printf("  the ledger and roster kept in memory: about %.0f MB of heap%n", (usedHeapAfterGc() - heapBefore) / 1e6);
                }
                if (round > 1 && later > 0) {
                    int written = book.entries().size();
                    scoreFully(book, roster.get(competitors - later--), random);
                    ledger.write(book.entries().subList(written, book.entries().size()), book.head());
                }
                long start = System.nanoTime();
                List<ScoreEntry> lines = ledger.lines(eventId);
                long linesRead = System.nanoTime() - start;
                List<Registration> approved = registrations.approved(eventId);
                System.out.printf("  lines %.0f ms, roster %.0f ms%n", linesRead / 1e6, (System.nanoTime() - start - linesRead) / 1e6);
                long read = System.nanoTime() - start;
                Ranking ranking = Ranking.of(eventId, Contests.WELDING, lines.get(lines.size() - 1).sequence(),
                        ScoreLedger.scorecards(Contests.countyWelding(), approved, lines));
                long took = System.nanoTime() - start;
                if (!ranking.equals(book.ranking(roster))) {
                    throw new IllegalStateException("the ranking read through the store differs from the one computed from the book");
                }
                report(round, ranking, lines.size(), read, took);
            }
            long start = System.nanoTime();
            int stored = ledger.stored(eventId).size();
            System.out.printf("the tamper check's read: %,d lines from the store in %.0f ms%n", stored, (System.nanoTime() - start) / 1e6);
        } finally {
            try (var files = java.nio.file.Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Theory, three judges on the judged aspect within the allowed spread, the other aspects, the time used: 10 lines. */
    private static void scoreFully(LedgerBook book, Registration r, SplittableRandom random) {
        // Coarse scores, so that many tie and the tie-breaks (time, practical, theory) do work.
        long base = 2000 + 50L * random.nextInt(18);
        long[] judged = {base + 50L * random.nextInt(3), base + 50L * random.nextInt(3), base + 50L * random.nextInt(3)};
        long[] last = {800 + 50L * random.nextInt(5), 800 + 50L * random.nextInt(5), 800 + 50L * random.nextInt(5)};
        book.scoreFully(r, 6000 + 50L * random.nextInt(81), judged, 3000 + 50L * random.nextInt(20), 1500 + 50L * random.nextInt(10),
                last, 6000 + 300L * random.nextInt(10));
    }

    private static void report(int round, Ranking ranking, int lines, long readNanos, long totalNanos) {
        long shared = ranking.ranked().stream().filter(Ranking.Line::isShared).count();
        System.out.printf("round %d: ranked %,d (%,d unranked, %,d on a shared rank) from %,d lines in %.0f ms (of which reading them %.0f ms)%n",
                round, ranking.ranked().size(), ranking.unranked().size(), shared, lines, totalNanos / 1e6, readNanos / 1e6);
    }
}
