package org.xenwbem.provider.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class EventSummaryTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong clock = new AtomicLong(1000 * SECOND);
    private final Logger logger = (Logger) LoggerFactory.getLogger("test.summary");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private EventSummary summary;

    @BeforeEach
    void setUp() {
        logs.start();
        logger.addAppender(logs);
        summary = new EventSummary(logger, Level.WARN, "connection refused", Duration.ofSeconds(10), clock::get);
    }

    @AfterEach
    void tearDown() {
        logger.detachAppender(logs);
    }

    private List<String> lines() {
        return logs.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    @Test
    void aFloodIsOneLineThenOneSummaryPerPeriod() {
        for (int i = 0; i < 1000; i++) {
            summary.record("10.0.0.1", "over the cap");
        }
        summary.record("10.0.0.2", "over the cap");
        assertEquals(List.of("WARN connection refused client=10.0.0.1 over the cap"), lines());
        summary.flush();
        assertEquals(1, lines().size(), "nothing more before the period is over");
        clock.addAndGet(10 * SECOND);
        summary.flush();
        assertEquals("WARN connection refused: 1000 more in the last 10 s (10.0.0.1 x999, 10.0.0.2 x1)", lines().get(1));
        summary.flush();
        assertEquals(2, lines().size(), "a summary is written once");
        assertEquals(0, summary.pending());
    }

    @Test
    void afterAQuietPeriodTheNextEventIsLoggedAtOnce() {
        summary.record("a", "x");
        clock.addAndGet(11 * SECOND);
        summary.record("b", "y");
        assertEquals(List.of("WARN connection refused client=a x", "WARN connection refused client=b y"), lines());
    }

    @Test
    void aSummaryNamesAFewClientsAndCountsTheRest() {
        summary.record("first", "x");
        for (int i = 0; i < 20; i++) {
            summary.record("10.0.0." + i, "x");
        }
        clock.addAndGet(10 * SECOND);
        summary.flush();
        String line = lines().get(1);
        assertEquals(EventSummary.CLIENTS_NAMED, line.split("10\\.0\\.0\\.").length - 1, line);
        assertEquals(true, line.endsWith("others x12)"), line);
    }
}
