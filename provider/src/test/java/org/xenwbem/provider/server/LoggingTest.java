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
