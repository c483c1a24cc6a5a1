package org.xenwbem.bridge.ops;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users' {@code session.logout}s, sent after the request that used the session has been answered: the
 * logout is a full xapi round trip (a fifth of a synchronous method's five), and its answer changes
 * nothing for the client. At most {@value #THREADS} threads (a logout is a wait for xapi, not work: two
 * fell behind 35 methods a second when xapi took 100 ms to answer), ending {@link #IDLE} after their last
 * logout, and {@value #QUEUE} waiting; past that the caller logs out itself, as before. {@link #close}
 * sends what waits before the bridge goes. Session refs are never logged.
 */
public final class Logouts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Logouts.class);
    static final int THREADS = 8;
    static final int QUEUE = 256;
    static final Duration IDLE = Duration.ofSeconds(1);
    private static final Duration DRAIN = Duration.ofSeconds(5);
    private final AtomicInteger count = new AtomicInteger();
    private final ThreadPoolExecutor threads;

    /** Threads named {@code threadPrefix + "logout-" + n}. */
    public Logouts(String threadPrefix) {
        threads = new ThreadPoolExecutor(THREADS, THREADS, IDLE.toMillis(), TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, threadPrefix + "logout-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        threads.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code logout} soon on a logout thread, or now when they are all busy or closed. */
    void submit(Runnable logout) {
        try {
            threads.execute(logout);
        } catch (RejectedExecutionException e) {
            logout.run();
        }
    }

    /** Sends the waiting logouts (at most {@link #DRAIN}), then ends the threads. */
    @Override
    public void close() {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} session logouts still waiting when the bridge closed; xapi expires those sessions",
                        threads.getQueue().size());
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threads.shutdownNow();
        }
    }
}
