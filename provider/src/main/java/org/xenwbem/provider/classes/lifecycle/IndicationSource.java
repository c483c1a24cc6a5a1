package org.xenwbem.provider.classes.lifecycle;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.PoolMirror;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.provider.cimom.indications.Indication;

/**
 * Feeds the pool mirror's snapshots to the {@link VmChangeDetector} on its own thread (the mirror's
 * listener only hands the snapshot over) and fans the indications out to the sinks. Snapshots that
 * arrive while one is being processed are coalesced: only the newest is compared next, so the work
 * and memory stay bounded when the pool changes faster than indications are computed.
 */
public final class IndicationSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndicationSource.class);

    private final VmChangeDetector detector;
    private final ExecutorService thread;
    private final Clock clock;
    private final List<Consumer<Indication>> sinks = new CopyOnWriteArrayList<>();
    private final AtomicReference<PoolSnapshot> pending = new AtomicReference<>();
    private final Consumer<PoolSnapshot> listener = this::onSnapshot;
    private volatile PoolMirror mirror;

    public IndicationSource(VmChangeDetector detector, ExecutorService thread, Clock clock) {
        this.detector = detector;
        this.thread = thread;
        this.clock = clock;
    }

    public void addSink(Consumer<Indication> sink) {
        sinks.add(sink);
    }

    /** Takes the mirror's current snapshot as the baseline and follows its changes. */
    public void start(PoolMirror m) {
        this.mirror = m;
        // the baseline the detector compares against is its own task, never coalesced with a later
        // snapshot (which would become the baseline and hide a change made right after the start)
        PoolSnapshot baseline = m.current();
        thread.execute(() -> detector.next(baseline, clock.instant()).forEach(this::publish));
        m.addListener(listener);
        onSnapshot(m.current());
    }

    /** Called on the mirror's thread: quick, never blocks. */
    void onSnapshot(PoolSnapshot s) {
        if (pending.getAndSet(s) == null) {
            try {
                thread.execute(this::drain);
            } catch (RejectedExecutionException e) {
                pending.set(null);
                LOG.debug("indication thread stopped; snapshot {} ignored", s.generation());
            }
        }
    }

    private void drain() {
        PoolSnapshot s;
        while ((s = pending.getAndSet(null)) != null) {
            List<Indication> out = detector.next(s, clock.instant());
            for (Indication ind : out) {
                publish(ind);
            }
        }
    }

    private void publish(Indication ind) {
        for (Consumer<Indication> sink : sinks) {
            try {
                sink.accept(ind);
            } catch (RuntimeException e) {
                // sink boundary: one faulty sink must not stop the others
                LOG.warn("indication sink failed for {}", ind.className(), e);
            }
        }
    }

    @Override
    public void close() {
        PoolMirror m = mirror;
        if (m != null) {
            m.removeListener(listener);
        }
    }
}
