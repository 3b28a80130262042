package cn.unionhub.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Command-line tools some checks use (kcat, promtool and Prometheus, kubectl), installed from Debian's
 * packages by {@code tools/ensure-tools.sh} where it can (CI starts from a fresh machine). Where it
 * cannot (not Debian, not root) those checks are skipped with a warning — unless
 * {@code UNIONHUB_REQUIRE_TOOLS} or {@code CI} is set, as {@code .ci/run} does: there they must run.
 */
public final class ExternalTools {

    /** The script's exit code for "cannot install here". */
    private static final int CANNOT_INSTALL = 3;

    private ExternalTools() {
    }

    /**
     * @param repo                 the repository root
     * @param commandPackagePairs  {@code command:debian-package}, e.g. {@code kcat:kcat}
     */
    public static void ensure(Path repo, String... commandPackagePairs) {
        List<String> command = new ArrayList<>(List.of(repo.resolve("tools/ensure-tools.sh").toString()));
        command.addAll(List.of(commandPackagePairs));
        int exit;
        String output;
        try {
            Process process = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("tools/ensure-tools.sh timed out");
            }
            exit = process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String tools = String.join(" ", commandPackagePairs);
        boolean required = System.getenv("UNIONHUB_REQUIRE_TOOLS") != null || System.getenv("CI") != null;
        if (exit == CANNOT_INSTALL && !required) {
            System.err.println("WARNING: skipping the checks that need " + tools + ": " + output);
            Assumptions.abort("cannot install " + tools + " here: " + output);
        }
        if (exit != 0) {
            throw new IllegalStateException("tools/ensure-tools.sh could not provide " + tools + ":\n" + output);
        }
    }
}
