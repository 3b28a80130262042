package cn.unionhub.e2e;

import static org.awaitility.Awaitility.await;

import cn.unionhub.test.StoreWork;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Drives complaints through the pipeline (feedback → case → feedback timeline → alert) and
 * measures what the MongoDB-wire server did for them: documents examined and commands, per
 * complaint. Every complaint concerns one enterprise (宁波富德能源, unpaid wages), the
 * collective-dispute case where per-enterprise history grows fastest.
 *
 * <p>Complaints go straight to feedback-service: the gateway's per-user submission limit (20 per
 * 30 s) exists to stop abuse, and would make loading two thousand complaints take an hour.
 */
final class PipelineScaling {

    /** The pipeline's services: their counters say when every event has been published and consumed. */
    private static final List<String> SERVICES = List.of("feedback-service", "case-service", "alert-service");

    /** Work per complaint of one measured batch. */
    record PerComplaint(double examined, double commands) {

        /** The lesser of two measurements of the same size, each count on its own: periodic work only ever adds. */
        PerComplaint least(PerComplaint other) {
            return new PerComplaint(Math.min(examined, other.examined), Math.min(commands, other.commands));
        }
    }

    /** Concurrent clients: enough to keep both cores busy while each waits for its answer. */
    private static final int CLIENTS = 6;

    private final RunningPlatform platform;
    private final List<String> workers;
    private int submitted;

    PipelineScaling(RunningPlatform platform) {
        this.platform = platform;
        this.workers = IntStream.rangeClosed(1, 12)
                .mapToObj(n -> platform.demoToken(String.format("worker-%02d", n))).toList();
    }

    /** Submits complaints until {@code total} were submitted, then waits for the pipeline to settle. */
    void fillTo(int total) {
        submit(total - submitted);
        awaitQuiet();
    }

    /** Submits {@code count} complaints on a quiet pipeline and returns what they cost the store, each. */
    PerComplaint measure(int count) {
        awaitQuiet();
        try (StoreWork work = new StoreWork(platform.mongoUri())) {
            StoreWork.Reading before = work.read();
            // One after another, so that the work measured is that of complaints, not of retries
            // that concurrent updates of the one enterprise's profile may cost.
            for (int i = 0; i < count; i++) {
                submitOne(workers.get(submitted++ % workers.size()));
            }
            awaitQuiet();
            StoreWork.Reading spent = work.read().minus(before);
            return new PerComplaint((double) spent.examined() / count, (double) spent.commands() / count);
        }
    }

    /**
     * Submits {@code count} complaints from several clients at once, as the workers of a dispute do:
     * one after another, filling the store took about a minute of the build.
     */
    private void submit(int count) {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> sent = IntStream.range(0, count)
                    .<Future<?>>mapToObj(i -> clients.submit(() -> submitOne(workers.get((submitted + i) % workers.size()))))
                    .toList();
            for (Future<?> one : sent) {
                one.get();
            }
            submitted += count;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            clients.shutdownNow();
        }
    }

    private void submitOne(String token) {
        HttpResponse<String> response = platform.send(HttpRequest.newBuilder(
                        URI.create(platform.direct("feedback-service", "/api/v1/feedback/submissions")))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"type":"COMPLAINT","category":"WAGES_ARREARS","channel":"MINI_PROGRAM","enterprise":"91330211MA2H3K5Q1G",
                         "anonymous":false,"workerGroup":"MIGRANT_WORKER","text":"公司已经两个月没发工资了。",
                         "details":{"amountOwedFen":500000,"workersAffected":30}}""")).build());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("complaint refused: " + response.statusCode() + " " + response.body());
        }
    }

    /** Every event published and consumed: the pipeline's counters stopped moving for three seconds. */
    private void awaitQuiet() {
        long[] last = {-1};
        int[] unchanged = {0};
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(1500)).until(() -> {
            long now = pipelineProgress();
            unchanged[0] = now == last[0] ? unchanged[0] + 1 : 0;
            last[0] = now;
            return unchanged[0] >= 2; // the same over two intervals: three seconds
        });
    }

    private long pipelineProgress() {
        long sum = 0;
        for (String service : SERVICES) {
            String metrics = platform.get(platform.direct(service, "/actuator/prometheus")).body();
            for (String line : metrics.split("\n")) {
                if (line.startsWith("unionhub_outbox_published_total") || line.startsWith("unionhub_events_consumed_total")) {
                    sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return sum;
    }
}
