package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real third-party client as a process, bounded in time, capturing its output. When
 * {@code XENWBEM_REQUIRE_CLIENTS=1} (set by {@code ./xenwbem test} and CI) a missing client fails
 * the test instead of skipping it, so "passed" always means the real client ran.
 */
public final class ExternalTool {
    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private ExternalTool() {
    }

    public static void require(String executable) {
        boolean present = Files.isExecutable(Path.of(executable))
                || List.of("/usr/bin", "/bin", "/usr/local/bin").stream()
                        .anyMatch(d -> Files.isExecutable(Path.of(d, executable)));
        if (!present) {
            if ("1".equals(System.getenv("XENWBEM_REQUIRE_CLIENTS"))) {
                fail(executable + " is not installed, and XENWBEM_REQUIRE_CLIENTS=1 says real clients must run");
            }
            assumeTrue(false, executable + " is not installed (run ./xenwbem test to install the real clients)");
        }
    }

    public static Result run(List<String> command, Map<String, String> env, Path dir, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().remove("REQUESTS_CA_BUNDLE");
        pb.environment().remove("CURL_CA_BUNDLE");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                Path.of("/dev/null").toFile()));
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail(command.get(0) + " did not finish within " + timeout + ": " + Files.readString(out));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
