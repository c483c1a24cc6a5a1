package org.xenwbem.bridge.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a storage tool (rbd, rados, ceph, iscsi-ls, iscsi-inq, iscsi-readcapacity16, stat) as an SM
 * driver does: arguments as a list (no shell), a deadline after which the process is killed,
 * stdout either captured (at most {@value #MAX_CAPTURE} bytes) or streamed, stderr captured for the
 * error. A non-zero exit is an {@link IOException} carrying the tool's stderr.
 */
final class SimCommand {
    private static final int MAX_CAPTURE = 4 << 20;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private SimCommand() {
    }

    /** Runs {@code args} and returns its stdout. */
    static String run(List<String> args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        run(args, null, out, DEFAULT_TIMEOUT);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Runs {@code args}, feeding {@code stdin} (may be null) and copying stdout to {@code stdout}. */
    static void run(List<String> args, InputStream stdin, OutputStream stdout, Duration timeout) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(args).redirectInput(stdin == null ? ProcessBuilder.Redirect.from(devNull())
                    : ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new IOException(args.get(0) + " cannot run: " + e.getMessage(), e);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errPump = pump(p.getErrorStream(), err, "stderr");
        java.util.concurrent.atomic.AtomicReference<IOException> feedError = new java.util.concurrent.atomic.AtomicReference<>();
        Thread inPump = stdin == null ? null : feed(stdin, p.getOutputStream(), feedError);
        try {
            copyBounded(p.getInputStream(), stdout);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(args.get(0) + " did not finish within " + timeout.toSeconds() + " s");
            }
            errPump.join(1000);
            if (inPump != null) {
                inPump.join(1000);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(args.get(0) + " interrupted", e);
        } finally {
            p.destroyForcibly();
        }
        if (feedError.get() != null) {
            throw feedError.get();
        }
        if (p.exitValue() != 0) {
            String msg = err.toString(StandardCharsets.UTF_8).strip();
            throw new IOException(args.get(0) + " " + args.get(Math.min(1, args.size() - 1)) + " failed (exit "
                    + p.exitValue() + "): " + (msg.length() > 500 ? msg.substring(0, 500) : msg));
        }
    }

    /** Whether {@code tool} is on the PATH. */
    static boolean available(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static java.io.File devNull() {
        return new java.io.File("/dev/null");
    }

    private static void copyBounded(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[1 << 16];
        long total = 0;
        boolean capture = out instanceof ByteArrayOutputStream;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (capture && total > MAX_CAPTURE) {
                throw new IOException("tool output larger than " + MAX_CAPTURE + " bytes");
            }
            out.write(buf, 0, n);
        }
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream sink, String name) {
        Thread t = new Thread(() -> {
            try (in) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (sink.size() < 65536) {
                        sink.write(buf, 0, n);
                    }
                }
            } catch (IOException e) {
                // the process ended; what was read is kept
            }
        }, "sim-cmd-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static Thread feed(InputStream in, OutputStream procIn,
                               java.util.concurrent.atomic.AtomicReference<IOException> error) {
        Thread t = new Thread(() -> {
            try (procIn) {
                in.transferTo(procIn);
            } catch (IOException | UncheckedIOException e) {
                error.set(e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
            }
        }, "sim-cmd-stdin");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
