package org.xenwbem.provider.cimom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-user count of operations in progress: bounded per user, other users unaffected, released once. */
class UserLimitsTest {
    @Test
    void aUserAtTheLimitIsRefusedAndAnotherIsNot() {
        UserLimits.Operations ops = new UserLimits(64, 2).operations();
        UserLimits.Slot a = ops.enter("alice");
        UserLimits.Slot b = ops.enter("alice");
        assertNotNull(a);
        assertNotNull(b);
        assertNull(ops.enter("alice"), "a third operation of alice");
        UserLimits.Slot bob = ops.enter("bob");
        assertNotNull(bob, "bob is not held back by alice");
        assertEquals(3, ops.inProgress());
        a.close();
        a.close();
        assertEquals(1, ops.of("alice"), "a second close of the same slot releases nothing more");
        assertNotNull(ops.enter("alice"), "a place freed is a place to take");
        b.close();
        bob.close();
    }

    @Test
    void countsReturnToZeroAndIdleUsersAreForgotten() {
        UserLimits.Operations ops = new UserLimits(64, 1).operations();
        for (int i = 0; i < 1000; i++) {
            try (UserLimits.Slot s = ops.enter("user-" + i)) {
                assertNotNull(s);
            }
        }
        assertEquals(0, ops.inProgress());
        assertEquals(0, ops.of("user-7"));
    }

    @Test
    void concurrentCallersNeverExceedTheLimit() throws Exception {
        UserLimits.Operations ops = new UserLimits(64, 5).operations();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            results.add(pool.submit(() -> {
                go.await();
                int worst = 0;
                for (int i = 0; i < 2000; i++) {
                    try (UserLimits.Slot s = ops.enter("alice")) {
                        worst = Math.max(worst, ops.of("alice"));
                    }
                }
                return worst;
            }));
        }
        go.countDown();
        for (Future<Integer> f : results) {
            assertEquals(true, f.get(30, TimeUnit.SECONDS) <= 5);
        }
        pool.shutdown();
        assertEquals(0, ops.inProgress());
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new UserLimits(64, 0));
    }
}
