package org.xenwbem.tests.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.xenwbem.bridge.MirrorHealth;
import org.xenwbem.tests.WsmanCalls;

/**
 * For {@link SlowXapiTest}: a client that alternates an Enumerate of Xen_ComputerSystem (every VM must be
 * in it) and a Get of one VM every 100 ms, timing each, and samples the mirror's health after each read.
 */
final class TimedReads implements Runnable {
    private static final String CS = "Xen_ComputerSystem";

    final AtomicBoolean stop = new AtomicBoolean();
    final List<String> failures = new CopyOnWriteArrayList<>();
    final List<MirrorHealth> seen = new CopyOnWriteArrayList<>();
    private final List<Long> millis = new CopyOnWriteArrayList<>();
    private final WsmanCalls ws;
    private final List<String> vms;
    private final Supplier<MirrorHealth> health;

    TimedReads(WsmanCalls ws, List<String> vms, Supplier<MirrorHealth> health) {
        this.ws = ws;
        this.vms = vms;
        this.health = health;
    }

    @Override
    public void run() {
        for (int i = 0; !stop.get(); i++) {
            try {
                long t0 = System.nanoTime();
                String vm = vms.get(i % vms.size());
                String body = i % 2 == 0 ? ws.enumerate("root", CS, 10_000)
                        : ws.get("root", CS, Map.of("CreationClassName", CS, "Name", vm));
                millis.add((System.nanoTime() - t0) / 1_000_000);
                boolean ok = i % 2 == 0 ? vms.stream().allMatch(body::contains) && body.contains("EndOfSequence")
                        : body.contains(vm) && !body.contains("Fault>");
                if (!ok) {
                    failures.add(body.length() > 600 ? body.substring(0, 600) : body);
                }
                seen.add(health.get());
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures.add(e.toString());
            }
        }
    }

    int count() {
        return millis.size();
    }

    /** The p-th percentile of the reads' latencies, in ms (100: the slowest). */
    double percentile(double p) {
        double[] v = millis.stream().mapToDouble(Long::doubleValue).toArray();
        return v.length == 0 ? 0 : BenchReport.percentile(v, p);
    }

    /** The health sampled that reported the slowest master, or the last one when none did. */
    String slowest() {
        return seen.stream().filter(h -> h.slowAnswer().isPresent()).max((a, b) -> a.slow().compareTo(b.slow()))
                .or(() -> seen.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(seen.get(seen.size() - 1)))
                .map(h -> "stale=" + h.stale() + " problem=" + h.problem()).orElse("none");
    }
}
