package cn.unionhub.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ports claimed by this JVM, each held by an exclusive lock on {@code /tmp/unionhub-test-ports/<port>}.
 * Operating-system locks end with the process, so a killed test leaves at most an empty file that the
 * next claimer locks again.
 */
final class PortReservations {

    private static final Path FOLDER = sharedTemp().resolve("unionhub-test-ports");
    private static final Map<Integer, FileLock> HELD = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(PortReservations::releaseAll, "test-port-release"));
    }

    private PortReservations() {
    }

    /**
     * The machine's temporary folder, not the JVM's: the build points each module's test JVM at its
     * own {@code target} folder, and the reservations must be seen by every module's JVM.
     */
    private static Path sharedTemp() {
        String tmp = System.getenv("TMPDIR");
        if (tmp != null && !tmp.isBlank()) {
            return Path.of(tmp);
        }
        Path unix = Path.of("/tmp");
        return Files.isDirectory(unix) ? unix : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** True when the port is now this JVM's; false when this or another test JVM holds it. */
    static synchronized boolean claim(int port) {
        if (HELD.containsKey(port)) {
            return false;
        }
        try {
            Files.createDirectories(FOLDER);
            FileChannel channel = FileChannel.open(FOLDER.resolve(Integer.toString(port)),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return false;
            }
            HELD.put(port, lock);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean heldHere(int port) {
        return HELD.containsKey(port);
    }

    private static synchronized void releaseAll() {
        HELD.forEach((port, lock) -> {
            try {
                Files.deleteIfExists(FOLDER.resolve(Integer.toString(port)));
                lock.channel().close();
            } catch (IOException ignored) {
                // the lock ends with the process anyway
            }
        });
        HELD.clear();
        try {
            Files.deleteIfExists(FOLDER); // fails while another test JVM still holds ports: it removes it later
        } catch (IOException ignored) {
            // not empty
        }
    }
}
