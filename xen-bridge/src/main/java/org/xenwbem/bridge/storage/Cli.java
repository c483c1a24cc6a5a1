package org.xenwbem.bridge.storage;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a storage tool ({@code rbd}, {@code cp}) to completion with a time limit: stdout and stderr to
 * scratch files (no pipe can fill, and a tool that forks a daemon returns when it exits), stdin from /dev/null. Arguments never hold
 * secrets (keyrings are passed as file paths).
 */
final class Cli {
    /** A finished command. */
    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private Cli() {
    }

    static Result run(List<String> command, Map<String, String> env, long timeoutSeconds) throws IOException {
        Path out = Files.createTempFile("xenwbem-cli", ".out");
        Path err = Files.createTempFile("xenwbem-cli", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "", "timed out after " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8).strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + command.get(0), e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
