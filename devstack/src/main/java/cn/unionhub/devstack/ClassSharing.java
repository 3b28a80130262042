package cn.unionhub.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Class-data sharing (AppCDS) for the local run. Starting eleven JVMs at once on two cores is
 * bound by CPU, and most of a Spring service's start is loading, parsing and verifying the same
 * classes every time: with an archive of them a service starts on about half the CPU (case-service:
 * 16 s of CPU without, 8 s with).
 *
 * <p>Recording is not free: a JVM recording its classes ({@code -XX:ArchiveClassesAtExit}) starts on
 * about 60 % more CPU, and writes the archive as it stops. So the first run of a build runs as
 * usual, and only a second run of the same build records (someone who starts the same build again
 * will likely do so once more; someone who rebuilds between runs never pays). The launcher adopts
 * the archive only if the process stopped by itself (a killed process may have left half a file);
 * later runs map it ({@code -XX:SharedArchiveFile}). An archive belongs to one exact set of jars,
 * JVM and options, kept as a fingerprint next to it; after a rebuild the fingerprint differs and
 * the cycle starts again. (JDK 19's {@code -XX:+AutoCreateSharedArchive} records on the first run;
 * the platform runs on JDK 17.)
 *
 * <p>Only a classpath made of jars can be archived, so a module's plain jar is used rather than
 * its {@code target/classes} folder; with anything else the component runs without sharing.
 */
final class ClassSharing {

    private final Path dir;
    private final boolean enabled;

    ClassSharing(Path dir, boolean enabled) {
        this.dir = dir;
        this.enabled = enabled;
    }

    /** What a start does about class sharing. */
    enum Mode {
        /** Maps the archive. */
        USE,
        /** Records the classes; the archive is written when the JVM stops. */
        RECORD,
        /** The first run of this build: nothing yet, the next run records. */
        FIRST_RUN,
        /** Sharing off, or impossible for this classpath. */
        OFF
    }

    /** The mode and the JVM options it takes. */
    record Plan(Mode mode, List<String> options) {
    }

    /** What a start of {@code component} adds to its JVM options, given everything else on its command line. */
    Plan plan(String component, List<String> javaCommand) {
        Optional<String> fingerprint = enabled ? fingerprint(javaCommand) : Optional.empty();
        if (fingerprint.isEmpty()) {
            return new Plan(Mode.OFF, List.of());
        }
        try {
            Files.createDirectories(dir);
            Path archive = archive(component);
            Path kept = fingerprintFile(component);
            if (Files.isRegularFile(archive) && Files.isRegularFile(kept) && Files.readString(kept).equals(fingerprint.get())) {
                return new Plan(Mode.USE, List.of("-XX:SharedArchiveFile=" + archive));
            }
            Files.deleteIfExists(archive);
            Files.deleteIfExists(kept);
            Files.deleteIfExists(recording(component));
            Path seen = dir.resolve(component + ".seen");
            if (!Files.isRegularFile(seen) || !Files.readString(seen).equals(fingerprint.get())) {
                Files.writeString(seen, fingerprint.get());
                return new Plan(Mode.FIRST_RUN, List.of());
            }
            Files.writeString(pending(component), fingerprint.get());
            return new Plan(Mode.RECORD, List.of("-XX:ArchiveClassesAtExit=" + recording(component)));
        } catch (IOException e) {
            return new Plan(Mode.OFF, List.of()); // sharing is an optimisation; the component runs without it
        }
    }

    /** Whether stopping {@code component} will write an archive (so the launcher gives it longer to stop). */
    boolean willRecord(String component) {
        return Files.isRegularFile(pending(component));
    }

    /**
     * After the component's process has gone: keep what it recorded if it stopped by itself,
     * otherwise forget it so that the next start records again.
     */
    void stopped(String component, boolean byItself) {
        Path recording = recording(component);
        Path pending = pending(component);
        try {
            if (byItself && Files.isRegularFile(recording) && Files.size(recording) > 0 && Files.isRegularFile(pending)) {
                Files.move(recording, archive(component), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.move(pending, fingerprintFile(component), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.deleteIfExists(recording);
                Files.deleteIfExists(pending);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the class archive of " + component, e);
        }
    }

    Path archive(String component) {
        return dir.resolve(component + ".jsa");
    }

    private Path fingerprintFile(String component) {
        return dir.resolve(component + ".fingerprint");
    }

    private Path recording(String component) {
        return dir.resolve(component + ".jsa.recording");
    }

    private Path pending(String component) {
        return dir.resolve(component + ".fingerprint.recording");
    }

    /**
     * The JVM, every option and every jar the JVM will open (with the jars their manifests add), each
     * with its size and time: what the JVM itself checks before it maps an archive. Empty when the
     * classpath holds a folder or a fat jar, which cannot be archived.
     */
    static Optional<String> fingerprint(List<String> javaCommand) {
        int cp = javaCommand.indexOf("-cp");
        if (cp < 0 || cp + 1 >= javaCommand.size()) {
            return Optional.empty();
        }
        StringBuilder print = new StringBuilder(System.getProperty("java.home")).append('\n')
                .append(System.getProperty("java.vm.version")).append('\n');
        javaCommand.subList(0, cp).forEach(option -> print.append(option).append('\n'));
        Set<Path> jars = new LinkedHashSet<>();
        for (String entry : javaCommand.get(cp + 1).split(File.pathSeparator)) {
            if (!addJar(Path.of(entry), jars)) {
                return Optional.empty();
            }
        }
        try {
            for (Path jar : jars) {
                print.append(jar).append(' ').append(Files.size(jar)).append(' ')
                        .append(Files.getLastModifiedTime(jar).toMillis()).append('\n');
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(print.toString());
    }

    private static boolean addJar(Path jar, Set<Path> into) {
        if (!Files.isRegularFile(jar)) { // a folder (any name works for a jar: the build's plain one ends in .original)
            return false;
        }
        if (!into.add(jar.toAbsolutePath().normalize())) {
            return true;
        }
        List<Path> referenced = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest != null) {
                if (manifest.getMainAttributes().getValue("Spring-Boot-Classes") != null) {
                    return false; // a fat jar: its classes are nested and cannot be archived
                }
                String classPath = manifest.getMainAttributes().getValue("Class-Path");
                if (classPath != null) {
                    for (String entry : classPath.trim().split("\\s+")) {
                        referenced.add(jar.toAbsolutePath().getParent().resolve(entry));
                    }
                }
            }
        } catch (IOException e) {
            return false;
        }
        // A manifest entry that does not exist is skipped by the JVM too.
        referenced.stream().filter(Files::isRegularFile).forEach(r -> addJar(r, into));
        return true;
    }
}
