package org.xenwbem.tests;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A client that enumerates Xen_ComputerSystem every 100 ms while xapi is being hurt (a master killed,
 * xapi restarted or gone): a read counts as failed unless it ends the sequence and names every VM.
 */
public final class ContinuousReader implements Runnable {
    private static final String CS = "Xen_ComputerSystem";

    public final AtomicBoolean stop = new AtomicBoolean();
    public final AtomicInteger ok = new AtomicInteger();
    public final List<String> failures = new CopyOnWriteArrayList<>();
    private final WsmanCalls ws;
    private final List<String> vms;

    public ContinuousReader(WsmanCalls ws, List<String> vms) {
        this.ws = ws;
        this.vms = vms;
    }

    @Override
    public void run() {
        while (!stop.get()) {
            try {
                String body = ws.enumerate("root", CS, 10_000);
                if (vms.stream().allMatch(body::contains) && body.contains("EndOfSequence")) {
                    ok.incrementAndGet();
                } else {
                    failures.add(body.length() > 600 ? body.substring(0, 600) : body);
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures.add(e.toString());
            }
        }
    }

    /** Waits until {@code condition} holds; fails the test naming {@code what} after {@code limit}. */
    public static void eventually(Duration limit, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}
