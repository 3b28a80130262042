package cn.unionhub.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassSharingTest {

    @TempDir
    Path home;

    @Test
    void theSecondStartOfABuildRecordsAndACleanStopMakesTheArchiveTheNextStartUses() throws IOException {
        Path lib = jar(home.resolve("lib.jar"), null);
        Path app = jar(home.resolve("app.jar"), "lib.jar");
        ClassSharing sharing = new ClassSharing(home.resolve("cds"), true);
        List<String> command = List.of("-Xmx256m", "-cp", app.toString(), "cn.example.Main");

        ClassSharing.Plan firstRun = sharing.plan("case-service", command);
        assertThat(firstRun.mode()).as("the first run of a build records nothing").isEqualTo(ClassSharing.Mode.FIRST_RUN);
        assertThat(firstRun.options()).isEmpty();
        ClassSharing.Plan first = sharing.plan("case-service", command);
        assertThat(first.mode()).as("the second run records").isEqualTo(ClassSharing.Mode.RECORD);
        assertThat(first.options()).singleElement().asString().startsWith("-XX:ArchiveClassesAtExit=");
        assertThat(sharing.willRecord("case-service")).isTrue();
        writeArchive(first); // what the JVM does as it exits
        sharing.stopped("case-service", true);

        ClassSharing.Plan second = sharing.plan("case-service", command);
        assertThat(second.mode()).isEqualTo(ClassSharing.Mode.USE);
        assertThat(second.options()).containsExactly("-XX:SharedArchiveFile=" + sharing.archive("case-service"));
        assertThat(sharing.willRecord("case-service")).isFalse();

        // A rebuilt jar, even one only named in a manifest, invalidates the archive: record again.
        Files.setLastModifiedTime(lib, FileTime.fromMillis(Files.getLastModifiedTime(lib).toMillis() + 1_000));
        assertThat(sharing.plan("case-service", command).mode()).isEqualTo(ClassSharing.Mode.FIRST_RUN);
        assertThat(sharing.archive("case-service")).doesNotExist();
        ClassSharing.Plan afterRebuild = sharing.plan("case-service", command);
        assertThat(afterRebuild.mode()).isEqualTo(ClassSharing.Mode.RECORD);

        // Other options make another archive too.
        writeArchive(afterRebuild);
        sharing.stopped("case-service", true);
        assertThat(sharing.plan("case-service", List.of("-Xmx512m", "-cp", app.toString(), "cn.example.Main")).mode())
                .isEqualTo(ClassSharing.Mode.FIRST_RUN);
    }

    /**
     * The real JVM: a process stopped the way {@code down} stops it (SIGTERM) writes the archive it
     * recorded, and the next start loads its classes from it.
     */
    @Test
    void aJvmStoppedLikeDownWritesTheArchiveAndTheNextStartLoadsItsClassesFromIt() throws Exception {
        Path app = home.resolve("app.jar");
        try (OutputStream out = Files.newOutputStream(app); JarOutputStream jar = new JarOutputStream(out, manifest());
                var classFile = ArchivedMain.class.getResourceAsStream("ArchivedMain.class")) {
            jar.putNextEntry(new java.util.zip.ZipEntry(ArchivedMain.class.getName().replace('.', '/') + ".class"));
            classFile.transferTo(jar);
            jar.closeEntry();
        }
        ClassSharing sharing = new ClassSharing(home.resolve("cds"), true);
        List<String> command = List.of("-Xmx64m", "-XX:+UseSerialGC", "-cp", app.toString(), ArchivedMain.class.getName());

        sharing.plan("probe", command); // the first run of this "build"
        ClassSharing.Plan record = sharing.plan("probe", command);
        assertThat(record.mode()).isEqualTo(ClassSharing.Mode.RECORD);
        Process recording = java(record.options(), command).start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(recording.getInputStream()))) {
            assertThat(lines.readLine()).isEqualTo("ready");
            recording.destroy(); // SIGTERM, as down sends it
            assertThat(recording.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        sharing.stopped("probe", true);
        assertThat(sharing.archive("probe")).isNotEmptyFile();

        ClassSharing.Plan use = sharing.plan("probe", command);
        assertThat(use.mode()).isEqualTo(ClassSharing.Mode.USE);
        List<String> withLog = new java.util.ArrayList<>(use.options());
        withLog.add("-Xlog:class+load=info");
        Process using = java(withLog, command).start();
        String output = new String(using.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(using.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("ready").containsPattern(
                java.util.regex.Pattern.quote(ArchivedMain.class.getName()) + " source: shared objects file \\(top\\)");
    }

    /** {@code java <sharing options> <command>}, the main told to exit at once once it is not the recording run. */
    private static ProcessBuilder java(List<String> sharingOptions, List<String> command) {
        List<String> full = new java.util.ArrayList<>();
        full.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        full.addAll(sharingOptions);
        full.addAll(command);
        if (sharingOptions.stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile="))) {
            full.add("exit");
        }
        return new ProcessBuilder(full).redirectErrorStream(true);
    }

    private static Manifest manifest() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        return manifest;
    }

    @Test
    void aKilledProcessLeavesNoArchiveSoTheNextStartRecordsAgain() throws IOException {
        Path app = jar(home.resolve("app.jar"), null);
        ClassSharing sharing = new ClassSharing(home.resolve("cds"), true);
        List<String> command = List.of("-cp", app.toString(), "cn.example.Main");
        sharing.plan("gateway", command);
        ClassSharing.Plan plan = sharing.plan("gateway", command);
        writeArchive(plan); // possibly half written when the kill came

        sharing.stopped("gateway", false);

        assertThat(sharing.archive("gateway")).doesNotExist();
        assertThat(sharing.willRecord("gateway")).isFalse();
        assertThat(sharing.plan("gateway", command).mode()).isEqualTo(ClassSharing.Mode.RECORD);
    }

    @Test
    void foldersFatJarsAndASwitchedOffLauncherRunWithoutSharing() throws IOException {
        Path classes = Files.createDirectories(home.resolve("classes"));
        Path fat = jarWith(home.resolve("fat.jar"), attributes -> attributes.putValue("Spring-Boot-Classes", "BOOT-INF/classes/"));
        Path plain = jar(home.resolve("plain.jar"), null);
        ClassSharing sharing = new ClassSharing(home.resolve("cds"), true);

        assertThat(sharing.plan("a", List.of("-cp", classes + ":" + plain, "Main")).mode()).isEqualTo(ClassSharing.Mode.OFF);
        assertThat(sharing.plan("b", List.of("-cp", fat.toString(), "Main")).mode()).isEqualTo(ClassSharing.Mode.OFF);
        assertThat(sharing.plan("c", List.of("-jar", plain.toString())).mode()).isEqualTo(ClassSharing.Mode.OFF);
        assertThat(new ClassSharing(home.resolve("cds"), false).plan("d", List.of("-cp", plain.toString(), "Main")).mode())
                .isEqualTo(ClassSharing.Mode.OFF);
    }

    private static void writeArchive(ClassSharing.Plan plan) throws IOException {
        String option = plan.options().get(0);
        Files.writeString(Path.of(option.substring(option.indexOf('=') + 1)), "archive");
    }

    private static Path jar(Path path, String classPath) throws IOException {
        return jarWith(path, attributes -> {
            if (classPath != null) {
                attributes.put(Attributes.Name.CLASS_PATH, classPath);
            }
        });
    }

    private static Path jarWith(Path path, java.util.function.Consumer<Attributes> attributes) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.accept(manifest.getMainAttributes());
        try (OutputStream out = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return path;
    }
}
