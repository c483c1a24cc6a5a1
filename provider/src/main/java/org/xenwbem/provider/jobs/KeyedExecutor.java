package org.xenwbem.provider.jobs;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool of threads on which tasks sharing a key run one at a time, in submission order
 * (one operation at a time per VM), while tasks of different keys run in parallel.
 */
final class KeyedExecutor implements AutoCloseable {
    private final ExecutorService pool;
    private final Map<String, Queue<Runnable>> waiting = new HashMap<>();

    KeyedExecutor(int threads, String name) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor p = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        p.allowCoreThreadTimeOut(true);
        this.pool = p;
    }

    void submit(String key, Runnable task) {
        synchronized (waiting) {
            Queue<Runnable> q = waiting.get(key);
            if (q != null) {
                q.add(task);
                return;
            }
            waiting.put(key, new ArrayDeque<>());
        }
        pool.execute(() -> runThenNext(key, task));
    }

    private void runThenNext(String key, Runnable task) {
        Runnable next = task;
        while (next != null) {
            try {
                next.run();
            } finally {
                synchronized (waiting) {
                    Queue<Runnable> q = waiting.get(key);
                    next = q == null ? null : q.poll();
                    if (next == null) {
                        waiting.remove(key);
                    }
                }
            }
        }
    }

    /** Keys with work running or queued. */
    int busyKeys() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
