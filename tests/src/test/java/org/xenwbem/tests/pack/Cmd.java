package org.xenwbem.tests.pack;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a real tool, bounded in time, with output captured; fails the test with the output when asked to. */
final class Cmd {
    record Result(int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Cmd() {
    }

    static Result run(List<String> command, Path dir, Map<String, String> env, boolean cleanEnv, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        if (cleanEnv) {
            pb.environment().clear();
        }
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail(command + " did not finish within " + timeout + ": " + Files.readString(out));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static Result run(Path dir, String... command) throws IOException, InterruptedException {
        return run(List.of(command), dir, Map.of(), false, Duration.ofMinutes(3));
    }

    /** Runs and fails the test unless the tool exits 0. */
    static String ok(Path dir, String... command) throws IOException, InterruptedException {
        Result r = run(dir, command);
        if (!r.ok()) {
            fail(String.join(" ", command) + " failed: " + r);
        }
        return r.out();
    }
}
