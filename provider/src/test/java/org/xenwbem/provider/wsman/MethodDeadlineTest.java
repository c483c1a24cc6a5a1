package org.xenwbem.provider.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xenwbem.provider.cimom.UserLimits;

/** An Invoke held to its OperationTimeout: TimedOut at the deadline, the method runs to its end, no runner stays. */
class MethodDeadlineTest {
    @Test
    void aMethodPastItsTimeoutIsTimedOutAtOnceThenRunsToItsEndAndItsRunnerEnds() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        long t0 = System.nanoTime();
        WsmanFault f = assertThrows(WsmanFault.class, () -> MethodDeadline.run("Slow", Duration.ofMillis(200), held(release, ended), null));
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
        assertEquals("ok", MethodDeadline.run("Quick", Duration.ofSeconds(5), () -> "ok", null));
        WsmanFault denied = new WsmanFault(FaultKind.ACCESS_DENIED, "no");
        assertSame(denied, assertThrows(WsmanFault.class,
                () -> MethodDeadline.run("Quick", Duration.ofSeconds(5), () -> {
                    throw denied;
                }, null)));
        IllegalStateException bug = new IllegalStateException("bug");
        assertSame(bug, assertThrows(IllegalStateException.class,
                () -> MethodDeadline.run("Quick", Duration.ofSeconds(5), () -> {
                    throw bug;
                }, null)));
    }

    /** A method answered TimedOut keeps counting against its user's concurrent operations until it ends. */
    @Test
    void aTimedOutMethodHoldsItsUsersOperationUntilItEnds() throws Exception {
        UserLimits.Operations ops = new UserLimits(4, 1).operations();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        try (UserLimits.Slot slot = ops.enter("root")) {
            assertThrows(WsmanFault.class, () -> MethodDeadline.run("Slow", Duration.ofMillis(100), held(release, ended), slot));
        }
        assertNull(ops.enter("root"), "the request answered, its method still runs: the user is at the limit");
        release.countDown();
        assertTrue(ended.await(5, TimeUnit.SECONDS));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        UserLimits.Slot again = null;
        while (again == null && System.nanoTime() < until) {
            again = ops.enter("root");
            Thread.sleep(10);
        }
        assertNotNull(again, "the method ended: its operation ended with it");
        again.close();
    }

    @Test
    void aPromptMethodEndsItsOperationWithTheRequest() throws Exception {
        UserLimits.Operations ops = new UserLimits(4, 1).operations();
        try (UserLimits.Slot slot = ops.enter("root")) {
            assertEquals("ok", MethodDeadline.run("Quick", Duration.ofSeconds(5), () -> "ok", slot));
        }
        UserLimits.Slot next = ops.enter("root");
        assertNotNull(next, "the request's close ended it");
        next.close();
    }

    /** A method that waits for {@code release} (10 s at most), then counts {@code ended} down. */
    private static MethodDeadline.Body held(CountDownLatch release, CountDownLatch ended) {
        return () -> {
            try {
                release.await(10, TimeUnit.SECONDS);
                return "late";
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                ended.countDown();
            }
        };
    }
}
