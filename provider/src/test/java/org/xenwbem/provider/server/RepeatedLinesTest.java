package org.xenwbem.provider.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Repeated access lines counted, on a logger context of its own and a clock the test moves. */
class RepeatedLinesTest {
    private static final String LINE = "{} {} user={} client={} outcome={} {}ms";
    private final LoggerContext ctx = new LoggerContext();
    private final AtomicLong clock = new AtomicLong();
    private final ListAppender<ILoggingEvent> seen = new ListAppender<>();
    private RepeatedLines repeats;
    private Logger access;

    @BeforeEach
    void setUp() {
        seen.setContext(ctx);
        seen.start();
        access = ctx.getLogger(Logging.ACCESS);
        access.setLevel(Level.INFO);
        access.addAppender(seen);
        repeats = new RepeatedLines(Logging.ACCESS, Duration.ofSeconds(10), clock::get);
        repeats.setContext(ctx);
        repeats.start();
        ctx.addTurboFilter(repeats);
    }

    @AfterEach
    void tearDown() {
        ctx.stop();
    }

    @Test
    void aFloodOfIdenticalRequestsIsOneLineAndOneCountPerPeriod() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < 2500; i++) {
                    access.info(LINE, "wsman", "Identify -", "root", "127.0.0.1", "ok", i % 7);
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertEquals(1, seen.list.size(), String.valueOf(texts()));
        assertTrue(seen.list.get(0).getFormattedMessage().startsWith("wsman Identify - user=root client=127.0.0.1 outcome=ok "));

        clock.addAndGet(Duration.ofSeconds(9).toNanos());
        repeats.flush();
        assertEquals(1, seen.list.size(), "the period is not over yet");
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        repeats.flush();
        assertEquals(List.of("wsman Identify - user=root client=127.0.0.1 outcome=ok "
                        + "- repeated 19999 more times in 10 s, longest 6ms"),
                texts().subList(1, 2));
        assertEquals(0, repeats.kinds());

        access.info(LINE, "wsman", "Identify -", "root", "127.0.0.1", "ok", 1);
        assertEquals(3, seen.list.size(), "a new period begins with a whole line");
    }

    @Test
    void linesDifferingInClientUserActionOrOutcomeAreEachWritten() {
        access.info(LINE, "wsman", "Identify -", "root", "127.0.0.1", "ok", 1);
        access.info(LINE, "wsman", "Identify -", "root", "127.0.0.2", "ok", 1);
        access.info(LINE, "wsman", "Identify -", "admin", "127.0.0.1", "ok", 1);
        access.info(LINE, "wsman", "Get Xen_ComputerSystem", "root", "127.0.0.1", "ok", 1);
        access.info(LINE, "wsman", "Identify -", "root", "127.0.0.1", "fault", 1);
        access.info(LINE, "wsman", "Identify -", "root", "127.0.0.1", "ok", 9); // only the time differs
        assertEquals(5, seen.list.size(), String.valueOf(texts()));
        repeats.flushAll();
        assertEquals("wsman Identify - user=root client=127.0.0.1 outcome=ok - repeated 1 more times in 1 s, "
                + "longest 9ms", texts().get(5));
    }

    @Test
    void warningsAndFailedLoginsAreNeverCounted() {
        for (int i = 0; i < 1000; i++) {
            access.warn("auth {} user={} client={} outcome={} reason={}{} {}ms", "/wsman", "root", "10.0.0.9", 401,
                    "bad-credentials", "", 3);
            access.info("auth {} user={} client={} outcome={} reason={}{} {}ms", "/wsman", "-", "10.0.0.9", 401,
                    "missing", "", 0);
        }
        access.info("something failed", new IllegalStateException("boom"));
        access.info("something failed", new IllegalStateException("boom"));
        assertEquals(1000, seen.list.stream().filter(e -> e.getLevel() == Level.WARN).count());
        assertEquals(1 + 2, seen.list.stream().filter(e -> e.getLevel() == Level.INFO).count(), String.valueOf(texts()));
    }

    @Test
    void beyondTheKindsCountedLinesAreWrittenOneByOne() {
        for (int i = 0; i < RepeatedLines.MAX_KINDS + 100; i++) {
            access.info(LINE, "wsman", "Get vm-" + i, "root", "127.0.0.1", "ok", 1);
            access.info(LINE, "wsman", "Get vm-" + i, "root", "127.0.0.1", "ok", 1);
        }
        assertEquals(RepeatedLines.MAX_KINDS, repeats.kinds());
        assertEquals(RepeatedLines.MAX_KINDS + 200, seen.list.size(), "kinds beyond the bound: both lines");
        repeats.flushAll();
        assertEquals(2 * RepeatedLines.MAX_KINDS + 200, seen.list.size(), "one summary per counted kind");
    }

    private List<String> texts() {
        return seen.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
    }

    /**
     * Periods ending while 8 threads log (repeats are counted without a lock): every line is either
     * written or counted in exactly one summary, none lost and none twice.
     */
    @Test
    void noLineIsLostWhenPeriodsEndUnderLoad() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < 5000; i++) {
                    access.info(LINE, "wsman", "Get x", "root", "127.0.0.1", "ok", 1);
                }
            }));
        }
        while (done.stream().anyMatch(f -> !f.isDone())) {
            clock.addAndGet(Duration.ofSeconds(10).toNanos());
            repeats.flush();
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        repeats.flushAll();
        long total = 0;
        for (String line : texts()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("repeated (\\d+) more times").matcher(line);
            total += m.find() ? Long.parseLong(m.group(1)) : 1;
        }
        assertEquals(40_000, total, "whole lines plus counted repeats");
    }
}
