package org.xenwbem.bridge.perf;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.bridge.rrd.RrdSeries;
import org.xenwbem.bridge.rrd.RrdUpdates;

/**
 * Samples disk and NIC data sources from every live host's {@code /rrd_updates} once per period, in
 * one background thread, and publishes them as an immutable {@link PerfSnapshot}: one HTTP request
 * per host per period and nothing per CIM request. A host that fails keeps its last values; the
 * failure is logged once (and the recovery once), and the host is retried after 2, 4, 8 … periods
 * (at most {@link #MAX_BACKOFF_PERIODS}). A host that leaves the pool or stops heart-beating loses its
 * values at the next cycle. Only {@code vbd_*}, {@code vif_*} and {@code pif_*} sources are kept, with
 * their names shared across objects.
 */
public final class RrdSampler implements AutoCloseable {
    /** The default period. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(60);
    /** The longest wait after failures, in periods. */
    static final int MAX_BACKOFF_PERIODS = 16;
    /** How far back each request reaches: three 5-second rows. */
    static final Duration WINDOW = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(RrdSampler.class);
    private static final List<String> KEPT = List.of("vbd_", "vif_", "pif_");
    private static final int MAX_NAMES = 65_536;

    /** What is known of one host between cycles (touched by the sampling thread only). */
    private static final class HostState {
        Map<String, PerfValues> vms = Map.of();
        PerfValues own;
        int failures;
        long nextAttemptMillis;
    }

    private final Supplier<PoolSnapshot> pool;
    private final RrdSource source;
    private final Duration period;
    private final Clock clock;
    private final Map<String, HostState> hosts = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private volatile PerfSnapshot current = PerfSnapshot.EMPTY;
    private final Object lifecycle = new Object();
    private ScheduledExecutorService executor;
    private long generation;

    public RrdSampler(Supplier<PoolSnapshot> pool, RrdSource source, Duration period, Clock clock) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.source = Objects.requireNonNull(source, "source");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the sampling period must be positive: " + period);
        }
        this.period = period;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The latest values; never null. */
    public PerfSnapshot current() {
        return current;
    }

    /** Samples now and then every period, in a daemon thread, until {@link #close}. */
    public void start() {
        synchronized (lifecycle) {
            if (executor != null) {
                throw new IllegalStateException("already started");
            }
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "xenwbem-rrd-sampler");
                t.setDaemon(true);
                return t;
            });
            executor.scheduleWithFixedDelay(this::cycle, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.info("sampling disk and NIC metrics every {} s", period.toSeconds());
    }

    private void cycle() {
        try {
            sampleOnce();
        } catch (RuntimeException e) {
            // boundary of the background task: an exception would cancel every later cycle
            LOG.warn("RRD sampling cycle failed; retrying next period", e);
        }
    }

    /** One cycle: every live host that is due, then a new snapshot. Public for tests and tools. */
    public synchronized PerfSnapshot sampleOnce() {
        PoolSnapshot s = pool.get();
        Map<String, HostRecord> live = new HashMap<>();
        s.hosts().stream().filter(h -> h.live() && h.address() != null && !h.address().isEmpty()).forEach(h -> live.put(h.uuid(), h));
        hosts.keySet().retainAll(live.keySet());
        long now = clock.millis();
        for (HostRecord h : live.values()) {
            HostState st = hosts.computeIfAbsent(h.uuid(), u -> new HostState());
            if (now >= st.nextAttemptMillis) {
                sample(h, st, now);
            }
        }
        return publish();
    }

    private void sample(HostRecord h, HostState st, long now) {
        RrdUpdates u;
        try {
            u = source.latest(h, WINDOW);
        } catch (XenFailure e) {
            st.failures++;
            int periods = 1 << Math.min(st.failures, Integer.numberOfTrailingZeros(MAX_BACKOFF_PERIODS));
            st.nextAttemptMillis = now + period.toMillis() * periods;
            if (st.failures == 1) {
                LOG.warn("cannot read the RRD of host {} ({}); keeping its last values and retrying with back-off",
                        h.nameLabel(), e.getMessage());
            }
            return;
        }
        if (st.failures > 0) {
            LOG.info("RRD of host {} readable again after {} failed attempts", h.nameLabel(), st.failures);
        }
        st.failures = 0;
        st.nextAttemptMillis = now + period.toMillis();
        Map<String, PerfValues> byObject = extract(u);
        st.own = byObject.remove(h.uuid());
        st.vms = Map.copyOf(byObject);
    }

    /** Per object uuid, the newest non-NaN value of each kept source (the host's own uuid included). */
    private Map<String, PerfValues> extract(RrdUpdates u) {
        if (names.size() > MAX_NAMES) {
            names.clear();
        }
        Map<String, TreeMap<String, Double>> latest = new HashMap<>();
        Map<String, Long> stamps = new HashMap<>();
        for (RrdSeries series : u.series()) {
            if (!kept(series.dataSource())) {
                continue;
            }
            int i = series.size() - 1;
            while (i >= 0 && Double.isNaN(series.value(i))) {
                i--;
            }
            if (i >= 0) {
                String name = names.computeIfAbsent(series.dataSource(), n -> n);
                latest.computeIfAbsent(series.uuid(), k -> new TreeMap<>()).put(name, series.value(i));
                stamps.merge(series.uuid(), series.timestamp(i), Math::max);
            }
        }
        Map<String, PerfValues> out = new HashMap<>();
        latest.forEach((uuid, values) -> {
            String[] n = values.keySet().toArray(new String[0]);
            double[] v = values.values().stream().mapToDouble(Double::doubleValue).toArray();
            out.put(uuid, new PerfValues(stamps.get(uuid), n, v));
        });
        return out;
    }

    private static boolean kept(String dataSource) {
        for (String p : KEPT) {
            if (dataSource.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Merges the hosts' parts; a VM reported by two hosts (just migrated) keeps the newer values. */
    private PerfSnapshot publish() {
        Map<String, PerfValues> own = new HashMap<>();
        Map<String, PerfValues> vms = new HashMap<>();
        hosts.forEach((uuid, st) -> {
            if (st.own != null) {
                own.put(uuid, st.own);
            }
            st.vms.forEach((vm, v) -> vms.merge(vm, v, (a, b) -> a.epochSecond() >= b.epochSecond() ? a : b));
        });
        PerfSnapshot next = new PerfSnapshot(++generation, own, vms);
        current = next;
        return next;
    }

    /** Stops sampling (interrupting a request in flight); the last snapshot stays readable. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (executor != null) {
                executor.shutdownNow();
                executor = null;
            }
        }
    }
}
