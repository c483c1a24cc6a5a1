package org.xenwbem.provider.server;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the daemon's start goes (issue #15 item 4): each step's wall-clock time and the CPU time of the
 * starting thread in it, said in one line once the port answers, e.g. {@code certificate 90 ms (cpu 80),
 * bridge 40 (30), ...}. The CPU figure tells work from waiting, which on a busy dom0 look alike.
 */
final class StartTimeline {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final long start = System.nanoTime();
    private final List<String> steps = new ArrayList<>();
    private long lastWall = start;
    private long lastCpu = cpu();

    /** Ends the step called {@code name} (it began where the previous one ended). */
    void step(String name) {
        long wall = System.nanoTime();
        long cpu = cpu();
        steps.add(name + " " + (wall - lastWall) / 1_000_000 + " (cpu " + (cpu - lastCpu) / 1_000_000 + ")");
        lastWall = wall;
        lastCpu = cpu;
    }

    /** Milliseconds since the timeline began. */
    long elapsedMs() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The steps so far, in order: {@code name wall-ms (cpu ms)}, comma-separated. */
    @Override
    public String toString() {
        return String.join(", ", steps);
    }

    private static long cpu() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }
}
