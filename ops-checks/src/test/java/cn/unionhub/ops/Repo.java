package cn.unionhub.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The repository these checks look at, and the command-line tools they run on it. */
final class Repo {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Surefire runs in the module's folder; the files under test are beside it. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private Repo() {
    }

    static Path file(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a YAML stream as JSON trees (SnakeYAML: it resolves anchors and merge keys). */
    static List<JsonNode> yamlDocuments(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(20 * 1024 * 1024);
        List<JsonNode> documents = new ArrayList<>();
        for (Object document : new Yaml(options).loadAll(yaml)) {
            if (document != null) {
                documents.add(JSON.valueToTree(document));
            }
        }
        return documents;
    }

    /** Output and exit code of a command run in the repository root. */
    record Result(int exitCode, String output) {
    }

    static Result run(String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
