package cn.unionhub.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.platform.register.RegisteredEnterprise;
import cn.unionhub.platform.store.RegisteredEnterprises;
import cn.unionhub.test.IntegrationTest;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The register's enterprises as services keep them ({@link RegisteredEnterprises}), against the real store: a read that began before this process
 * wrote a record must not put the older record back after the write (30 s of an old name, district
 * or status otherwise).
 */
@IntegrationTest
class RegisteredEnterprisesIT {

    @Autowired
    MongoTemplate mongo;

    /** Holds the reads of the thread named {@link #SLOW} after they have read, until released. */
    private static final String SLOW = "slow-reader";

    @Test
    void aReadThatBeganBeforeAWriteDoesNotPutTheOlderRecordBack() throws Exception {
        RegisteredEnterprises enterprises = new RegisteredEnterprises(slowStore()) { }; // a service's bean is such a subclass
        String uscc = renamedDuringASlowRead(enterprises, () -> { });

        assertThat(enterprises.find(uscc)).map(RegisteredEnterprise::name).hasValue("宁波新名有限公司");
        assertThat(enterprises.find(uscc)).map(RegisteredEnterprise::district).hasValue("330206");
    }

    /**
     * When memory is full, the records make room, not the marks of recent writes: dropping the mark
     * written while a slow read was under way let that read put the older record back.
     */
    @Test
    void aFullMemoryKeepsTheMarkOfARecentWrite() throws Exception {
        RegisteredEnterprises enterprises = new RegisteredEnterprises(slowStore(), 3) { };
        String uscc = renamedDuringASlowRead(enterprises, () -> {
            for (int i = 0; i < 3; i++) { // other enterprises looked up meanwhile fill the memory
                enterprises.find("91330211OTHER" + i + UUID.randomUUID().toString().substring(0, 4).toUpperCase());
            }
        });

        assertThat(enterprises.find(uscc)).map(RegisteredEnterprise::name).hasValue("宁波新名有限公司");
    }

    private final CountDownLatch read = new CountDownLatch(1);
    private final CountDownLatch written = new CountDownLatch(1);

    /**
     * Saves an enterprise, starts a read of it on the {@link #SLOW} thread, renames it while that read
     * waits, runs {@code meanwhile}, then lets the read finish with the old name it saw.
     */
    private String renamedDuringASlowRead(RegisteredEnterprises enterprises, Runnable meanwhile) throws Exception {
        String uscc = "91330211" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        enterprises.save(new RegisteredEnterprise(uscc, "宁波旧名有限公司", "330211", "C", "SMALL", "ACTIVE"), 1);
        CompletableFuture<Optional<RegisteredEnterprise>> slow = new CompletableFuture<>();
        Thread reader = new Thread(() -> slow.complete(enterprises.find(uscc)), SLOW);
        reader.start();
        assertThat(read.await(10, TimeUnit.SECONDS)).isTrue();
        enterprises.save(new RegisteredEnterprise(uscc, "宁波新名有限公司", "330206", "C", "SMALL", "ACTIVE"), 2);
        meanwhile.run();
        written.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS)).map(RegisteredEnterprise::name).as("what the slow read saw").hasValue("宁波旧名有限公司");
        return uscc;
    }

    /** The store, except that the thread named {@link #SLOW} signals {@code read} after a read and then waits for {@code written}. */
    private MongoTemplate slowStore() {
        return new MongoTemplate(mongo.getMongoDatabaseFactory()) {
            @Override
            public <T> T findById(Object id, Class<T> entityClass, String collectionName) {
                T found = super.findById(id, entityClass, collectionName);
                if (Thread.currentThread().getName().equals(SLOW)) {
                    read.countDown();
                    await(written);
                }
                return found;
            }
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
