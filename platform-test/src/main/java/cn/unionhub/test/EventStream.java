package cn.unionhub.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A server-sent-events client for tests, as a browser's {@code EventSource} reads a stream: events
 * parsed from the lines as they arrive (comments skipped), queued for the test to take. Close it to
 * drop the connection.
 */
public final class EventStream implements AutoCloseable {

    /** One event: its name ({@code message} when none was sent), id and data. */
    public record Event(String name, String id, String data) {
    }

    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> lines;

    private EventStream(HttpRequest request) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> {
            lines = r.body();
            parse(lines);
        });
    }

    /**
     * Opens the stream at {@code uri} with a bearer token (null for none) and, to resume, the id of
     * the last event the client has (null for none).
     */
    public static EventStream open(URI uri, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new EventStream(request.build());
    }

    /** The response's status, once its headers arrived. */
    public int status() throws Exception {
        return response.get(20, TimeUnit.SECONDS).statusCode();
    }

    /** A header of the response, once its headers arrived. */
    public java.util.Optional<String> header(String name) throws Exception {
        return response.get(20, TimeUnit.SECONDS).headers().firstValue(name);
    }

    /** The next event, waiting up to {@code timeout}; fails the test when none came. */
    public Event next(Duration timeout) throws InterruptedException {
        Event e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new AssertionError("no event within " + timeout);
        }
        return e;
    }

    /** Events until one matches (it included), waiting up to {@code timeout} in all. */
    public List<Event> until(Predicate<Event> last, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Event> taken = new ArrayList<>();
        while (true) {
            Event e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no matching event within " + timeout + "; got " + taken);
            }
            taken.add(e);
            if (last.test(e)) {
                return taken;
            }
        }
    }

    /** Whatever arrived and was not taken yet, after waiting {@code quiet} for more. */
    public List<Event> drain(Duration quiet) throws InterruptedException {
        List<Event> taken = new ArrayList<>();
        Event e;
        while ((e = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            taken.add(e);
        }
        return taken;
    }

    private void parse(Stream<String> stream) {
        String name = null;
        String id = null;
        StringBuilder data = null;
        for (String line : (Iterable<String>) stream::iterator) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new Event(name == null ? "message" : name, id, data.toString()));
                }
                name = null;
                id = null;
                data = null;
            } else if (line.startsWith(":")) {
                continue;
            } else {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                switch (field) {
                    case "event" -> name = value;
                    case "id" -> id = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> {
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        response.cancel(true);
        Stream<String> open = lines;
        if (open != null) {
            open.close();
        }
    }
}
