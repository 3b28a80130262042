package cn.unionhub.e2e;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Command-line tools some end-to-end checks use (kcat, Prometheus), installed by
 * {@code tools/ensure-tools.sh} where it can. Where it cannot (not Debian, not root) those checks
 * are skipped with a warning — unless {@code UNIONHUB_REQUIRE_TOOLS} or {@code CI} is set, as
 * {@code .ci/run} does: there they must run.
 */
final class ExternalTools {

    private static final int CANNOT_INSTALL = 3;

    private ExternalTools() {
    }

    static void ensure(Path repo, String... commandPackagePairs) throws IOException, InterruptedException {
        String[] command = new String[commandPackagePairs.length + 1];
        command[0] = repo.resolve("tools/ensure-tools.sh").toString();
        System.arraycopy(commandPackagePairs, 0, command, 1, commandPackagePairs.length);
        int exit = new ProcessBuilder(command).directory(repo.toFile()).inheritIO().start().waitFor();
        boolean required = System.getenv("UNIONHUB_REQUIRE_TOOLS") != null || System.getenv("CI") != null;
        if (exit == CANNOT_INSTALL && !required) {
            System.err.println("WARNING: skipping the checks that need " + String.join(" ", commandPackagePairs)
                    + ": they cannot be installed on this machine");
            Assumptions.abort("cannot install " + String.join(" ", commandPackagePairs));
        }
        if (exit != 0) {
            throw new IllegalStateException("tools/ensure-tools.sh could not provide " + String.join(" ", commandPackagePairs));
        }
    }
}
