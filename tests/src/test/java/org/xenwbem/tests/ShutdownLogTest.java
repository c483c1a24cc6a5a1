package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #17: SIGTERM stopped the daemon cleanly, but "xenwbem stopped" never reached the log:
 * logback's shutdown hook stopped the file appender while the daemon's hook was still closing. The
 * real command line in a child JVM, stopped with SIGTERM ({@link Process#destroy()}), as systemd does.
 */
class ShutdownLogTest {
    @TempDir
    Path dir;

    @Test
    void sigtermIsLoggedAsTheLastLine() throws Exception {
        Path log = dir.resolve("xenwbem.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "org.xenwbem.provider.server.Main", "serve", "--simulate", "--port", "0", "--bind", "127.0.0.1",
                "--state-dir", dir.resolve("state").toString(), "--sim-vms", "2", "--metrics-interval", "0",
                "--sim-password", DaemonFixture.PASSWORD, "--log-file", log.toString())
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String listening = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        if (line.startsWith("listening on ")) {
                            return line;
                        }
                    }
                    return null;
                } catch (java.io.IOException e) {
                    return null;
                }
            }).get(120, TimeUnit.SECONDS);
            assertTrue(listening != null, "the daemon started: " + Files.readString(dir.resolve("stderr.txt")));
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the daemon stops on SIGTERM");
            assertEquals(143, p.exitValue(), "the JVM's exit status for SIGTERM, which the unit counts as success");
        } finally {
            p.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
        assertTrue(lines.get(lines.size() - 1).contains("xenwbem stopped"), "the last line: " + lines.get(lines.size() - 1));
        assertTrue(lines.stream().anyMatch(l -> l.contains("xenwbem") && l.contains("started in")), lines.toString());
    }
}
