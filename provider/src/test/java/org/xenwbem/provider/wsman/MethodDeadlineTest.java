package org.xenwbem.provider.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An Invoke held to its OperationTimeout: TimedOut at the deadline, the method runs to its end, no runner stays. */
class MethodDeadlineTest {
    @Test
    void aMethodPastItsTimeoutIsTimedOutAtOnceThenRunsToItsEndAndItsRunnerEnds() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        long t0 = System.nanoTime();
        WsmanFault f = assertThrows(WsmanFault.class, () -> MethodDeadline.run("Slow", Duration.ofMillis(200), () -> {
            try {
                release.await(10, TimeUnit.SECONDS);
                return "late";
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                ended.countDown();
            }
        }));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(FaultKind.TIMED_OUT, f.kind());
        assertTrue(f.getMessage().contains("Slow") && f.getMessage().contains("OperationTimeout"), f.getMessage());
        assertTrue(ms < 5_000, "answered at the deadline, not when the method ended: " + ms + " ms");
        assertEquals(1, ended.getCount(), "the method was not cut short");
        release.countDown();
        assertTrue(ended.await(5, TimeUnit.SECONDS), "the method ran to its end");
    }

    @Test
    void aPromptMethodAnswersAndItsFaultsAndFailuresPassThroughUnchanged() throws Exception {
        assertEquals("ok", MethodDeadline.run("Quick", Duration.ofSeconds(5), () -> "ok"));
        WsmanFault denied = new WsmanFault(FaultKind.ACCESS_DENIED, "no");
        assertSame(denied, assertThrows(WsmanFault.class,
                () -> MethodDeadline.run("Quick", Duration.ofSeconds(5), () -> {
                    throw denied;
                })));
        IllegalStateException bug = new IllegalStateException("bug");
        assertSame(bug, assertThrows(IllegalStateException.class,
                () -> MethodDeadline.run("Quick", Duration.ofSeconds(5), () -> {
                    throw bug;
                })));
    }
}
