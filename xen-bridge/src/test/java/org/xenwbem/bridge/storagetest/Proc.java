package org.xenwbem.bridge.storagetest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one command to completion with a time limit. Output goes to files (never pipes), so a command
 * that forks a daemon returns as soon as the command itself exits, and nothing is lost to a full pipe.
 */
final class Proc {
    private static final AtomicLong SEQ = new AtomicLong();

    /** What a finished command left behind. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }

        /** stdout, or an exception naming the command and its stderr. */
        String orThrow() {
            if (!ok()) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + exitCode
                        + ": " + stderr.strip() + (stdout.isBlank() ? "" : " / " + stdout.strip()));
            }
            return stdout;
        }
    }

    private Proc() {
    }

    /** Runs {@code command} with extra environment {@code env}, scratch files in {@code scratch}. */
    static Result run(Path scratch, Map<String, String> env, long timeoutSeconds, List<String> command) {
        long n = SEQ.incrementAndGet();
        Path out = scratch.resolve("proc-" + n + ".out");
        Path err = scratch.resolve("proc-" + n + ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new Result(command, -1, read(out), read(err) + " (timed out after " + timeoutSeconds + " s)");
            }
            return new Result(command, p.exitValue(), read(out), read(err));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    static Result run(Path scratch, long timeoutSeconds, String... command) {
        return run(scratch, Map.of(), timeoutSeconds, List.of(command));
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // scratch file; the state directory goes at shutdown anyway
        }
    }

    /** True while the process exists and is not a zombie (PID 1 here does not reap orphans). */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String rest = stat.substring(stat.lastIndexOf(')') + 2);
            return rest.charAt(0) != 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
