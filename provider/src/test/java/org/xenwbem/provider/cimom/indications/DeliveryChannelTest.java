package org.xenwbem.provider.cimom.indications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bounded queue with drop-oldest and a dropped notice, ordered delivery, retries with backoff. */
class DeliveryChannelTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final IndicationSchema schema = IndicationFixtures.indications();
    private final EventingOptions options = new EventingOptions(4, 16, 3, Duration.ofMinutes(1), Duration.ofHours(1),
            Duration.ofMillis(100), Duration.ofSeconds(1), 2, Duration.ofMillis(20), Duration.ofSeconds(1), 2);

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        timer.shutdownNow();
    }

    private Indication ind(String name) {
        return schema.creation(IndicationFixtures.system(name, name, 3L), Instant.now());
    }

    /** Records what was sent; blocks the first send until released; fails the first {@code failures} sends. */
    private static final class Recorder implements DeliveryChannel.Sender {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch failedLatch = new CountDownLatch(1);
        final AtomicInteger failuresLeft;
        final boolean block;

        Recorder(int failures, boolean block) {
            this.failuresLeft = new AtomicInteger(failures);
            this.block = block;
        }

        @Override
        public void event(Indication ind) throws DeliveryChannel.DeliveryException {
            send("event " + ind.source().get("Name"));
        }

        @Override
        public void dropped(long count) throws DeliveryChannel.DeliveryException {
            send("dropped " + count);
        }

        private void send(String what) throws DeliveryChannel.DeliveryException {
            if (block && sent.isEmpty()) {
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failuresLeft.getAndDecrement() > 0) {
                throw new DeliveryChannel.DeliveryException("refused " + what, null);
            }
            sent.add(what);
        }

        @Override
        public void failed(DeliveryChannel.DeliveryException last) {
            failedLatch.countDown();
        }
    }

    private static void await(java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.currentTimeMillis() + 5000;
        while (!c.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(10);
        }
    }

    @Test
    void overflowDropsTheOldestAndAnnouncesTheCount() throws Exception {
        Recorder r = new Recorder(0, true);
        DeliveryChannel c = new DeliveryChannel("t", r, options, pool, timer, System::nanoTime, true);
        c.offer(ind("e0"));
        Thread.sleep(100);
        for (int i = 1; i <= 5; i++) {
            c.offer(ind("e" + i));
        }
        r.release.countDown();
        await(() -> r.sent.size() >= 5);
        assertEquals(List.of("event e0", "dropped 2", "event e3", "event e4", "event e5"), r.sent);
        assertEquals(2, c.droppedTotal());
    }

    @Test
    void failuresAreRetriedWithBackoffThenTheChannelEnds() throws Exception {
        Recorder flaky = new Recorder(2, false);
        DeliveryChannel c = new DeliveryChannel("t", flaky, options, pool, timer, System::nanoTime, true);
        c.offer(ind("a"));
        c.offer(ind("b"));
        await(() -> flaky.sent.size() >= 2);
        assertEquals(List.of("event a", "event b"), flaky.sent, "retried in order");

        Recorder dead = new Recorder(100, false);
        DeliveryChannel d = new DeliveryChannel("t", dead, options, pool, timer, System::nanoTime, true);
        d.offer(ind("a"));
        assertTrue(dead.failedLatch.await(5, TimeUnit.SECONDS), "retries spent");
        d.offer(ind("b"));
        Thread.sleep(100);
        assertEquals(List.of(), dead.sent);
        assertEquals(0, d.queued(), "closed");
    }

    @Test
    void exportChannelsDropTheFailedMessageAndGoOn() throws Exception {
        Recorder r = new Recorder(3, false);
        DeliveryChannel c = new DeliveryChannel("t", r, options, pool, timer, System::nanoTime, false);
        c.offer(ind("lost"));
        c.offer(ind("kept"));
        await(() -> r.sent.size() >= 1);
        assertEquals(List.of("event kept"), r.sent);
    }
}
