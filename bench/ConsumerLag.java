import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far every consumer group of the platform is behind its topics, printed every interval:
 * {@code <epoch ms> <total records behind> <group/topic=behind ...>} (the three furthest behind).
 * Run by the benchmarks with the kafka-clients jar of the local Maven repository, single-file:
 * {@code java -cp <kafka-clients>:<slf4j-api> bench/ConsumerLag.java 127.0.0.1:9092 2000}. Asks the
 * broker only (offsets), so watching adds no load to the services. Dead-letter topics are left out.
 */
public class ConsumerLag {

    public static void main(String[] args) throws Exception {
        long interval = args.length > 1 ? Long.parseLong(args[1]) : 2000;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", args[0], "client.id", "bench-consumer-lag"))) {
            while (true) {
                Map<String, Long> behind = new TreeMap<>();
                for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
                    Map<TopicPartition, OffsetAndMetadata> committed =
                            admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
                    Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                    committed.keySet().stream().filter(tp -> !tp.topic().endsWith(".dlt")).forEach(tp -> ends.put(tp, OffsetSpec.latest()));
                    var latest = admin.listOffsets(ends).all().get();
                    latest.forEach((tp, end) -> {
                        OffsetAndMetadata at = committed.get(tp);
                        behind.merge(group.groupId() + "/" + tp.topic(), end.offset() - (at == null ? 0 : at.offset()), Long::sum);
                    });
                }
                long total = behind.values().stream().mapToLong(Long::longValue).sum();
                StringBuilder worst = new StringBuilder();
                behind.entrySet().stream().filter(e -> e.getValue() > 0).sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                        .limit(3).forEach(e -> worst.append(' ').append(e.getKey()).append('=').append(e.getValue()));
                System.out.println(System.currentTimeMillis() + " " + total + worst);
                System.out.flush();
                Thread.sleep(interval);
            }
        }
    }
}
