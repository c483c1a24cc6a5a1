package org.xenwbem.provider.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LoggingTest {
    @TempDir
    Path dir;

    @Test
    void everyLineReachesTheFileEvenFromManyThreadsAndTheAccessLinesStayOutOfTheConsole() throws Exception {
        Path file = dir.resolve("log").resolve("xenwbem.log");
        org.slf4j.Logger access = LoggerFactory.getLogger(Logging.ACCESS);
        try (AutoCloseable logging = Logging.configure("INFO", file)) {
            Logger logback = (Logger) access;
            assertFalse(logback.isAdditive(), "access lines do not go up to the console appender");
            List<String> names = new ArrayList<>();
            for (Iterator<Appender<ILoggingEvent>> it = logback.iteratorForAppenders(); it.hasNext(); ) {
                Appender<ILoggingEvent> a = it.next();
                names.add(a.getName());
            }
            assertEquals(List.of("file", "access-warnings"), names);

            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 5000; i++) { // more than the queue holds: callers wait, nothing is dropped
                        access.info("wsman Identify - user=root client=127.0.0.1 outcome=ok t={} i={}", thread, i);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            LoggerFactory.getLogger("xenwbem.daemon").info("a lifecycle line");
            waitFor(file, 40_001);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(40_001, lines.size());
        assertEquals(5000, lines.stream().filter(l -> l.contains(" t=3 ")).count());
        assertTrue(lines.get(lines.size() - 1).contains("a lifecycle line"), lines.get(lines.size() - 1));
        assertTrue(((Logger) access).isAdditive(), "closing restores the console-only setup");
    }

    @Test
    void anIdleLineIsInTheFileAtOnceNotWhenABufferFills() throws Exception {
        Path file = dir.resolve("idle.log");
        try (AutoCloseable logging = Logging.configure("INFO", file)) {
            LoggerFactory.getLogger(Logging.ACCESS).info("one request");
            waitFor(file, 1); // before the appender is stopped: flushed because the queue ran empty
        }
    }

    @Test
    void anUnwritableFileLeavesTheConsoleAndDoesNotBlockCallers() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain"), "x");
        try (AutoCloseable logging = Logging.configure("INFO", notADirectory.resolve("xenwbem.log"))) {
            for (int i = 0; i < 3 * BatchingAppender.HIGH_WATER; i++) {
                LoggerFactory.getLogger(Logging.ACCESS).info("line {}", i);
            }
        }
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertTrue(ctx.getStatusManager().getCopyOfStatusList().stream()
                .anyMatch(s -> s.getMessage().contains("cannot open the log file")));
    }

    @Test
    void aFloodOfIdenticalRequestsIsABoundedLogWithItsCountAndEveryWarning() throws Exception {
        Path file = dir.resolve("flood.log");
        org.slf4j.Logger access = LoggerFactory.getLogger(Logging.ACCESS);
        try (AutoCloseable logging = Logging.configure("INFO", file, Logging.Keeping.DEFAULT)) {
            for (int i = 0; i < 10_000; i++) {
                access.info("{} {} user={} client={} outcome={} {}ms", "wsman", "Identify -", "root", "127.0.0.1",
                        "ok", i % 3);
                if (i % 2000 == 0) {
                    access.warn("auth {} user={} client={} outcome={} reason={}{} {}ms", "/wsman", "root",
                            "192.0.2.7", 401, "bad-credentials", "", 2);
                }
            }
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(1 + 5 + 1, lines.size(), String.join("\n", lines));
        assertEquals(5, lines.stream().filter(l -> l.contains(" WARN ") && l.contains("reason=bad-credentials")).count());
        assertTrue(lines.get(lines.size() - 1).endsWith("wsman Identify - user=root client=127.0.0.1 outcome=ok "
                + "- repeated 9999 more times in 1 s, longest 2ms"), lines.get(lines.size() - 1));
    }

    @Test
    void theFileIsRotatedBySizeKeepingTheNewestFilesEachWithinTheSize() throws Exception {
        Path file = dir.resolve("rot").resolve("xenwbem.log");
        long max = 64 * 1024;
        try (AutoCloseable logging = Logging.configure("INFO", file, new Logging.Keeping(max, 3, java.time.Duration.ZERO))) {
            for (int i = 0; i < 6000; i++) { // about 600 KB: rotated some nine times
                LoggerFactory.getLogger(Logging.ACCESS).info("wsman Get vm-{} user=root client=127.0.0.1 outcome=ok", i);
            }
        }
        List<Path> kept = List.of(file.resolveSibling("xenwbem.log.3"), file.resolveSibling("xenwbem.log.2"),
                file.resolveSibling("xenwbem.log.1"), file);
        assertFalse(Files.exists(file.resolveSibling("xenwbem.log.4")), "only 3 rotated files are kept");
        List<String> lines = new ArrayList<>();
        for (Path p : kept) {
            assertTrue(Files.size(p) <= max && (p.equals(file) || Files.size(p) > max - 200),
                    p + " has " + Files.size(p) + " bytes"); // a rotated file is full to within a line
            lines.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
        }
        int first = Integer.parseInt(lines.get(0).replaceAll(".*vm-(\\d+) .*", "$1"));
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(lines.get(i).contains(" vm-" + (first + i) + " "), "in order, none lost: " + lines.get(i));
        }
        assertEquals(5999, first + lines.size() - 1, "the newest line is in the current file");
    }

    private static void waitFor(Path file, int lines) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readAllLines(file, StandardCharsets.UTF_8).size() >= lines) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the log file did not get " + lines + " lines in 10 s");
    }
}
