package org.xenwbem.provider.classes.storage;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.storage.OffloadedDisks;
import org.xenwbem.bridge.storage.SpaceReport;
import org.xenwbem.bridge.storage.SrDisk;
import org.xenwbem.bridge.storage.StorageFailure;

/**
 * The space savings arrays report, for reads that must not wait on an array: the last answer is
 * served, and one older than five minutes (or none yet) is asked for again on a background thread.
 */
final class ArraySpace {
    private static final Logger LOG = LoggerFactory.getLogger(ArraySpace.class);
    private static final Duration MAX_AGE = Duration.ofMinutes(5);

    private record Known(OptionalLong savings, long atNanos) {
    }

    private final OffloadedDisks offload;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Set<String> asking = ConcurrentHashMap.newKeySet();
    private final ExecutorService asker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "xenwbem-array-space");
        t.setDaemon(true);
        return t;
    });

    ArraySpace(OffloadedDisks offload) {
        this.offload = offload;
    }

    /** What the array last said it saves on this SR (empty until it has answered, or when it does not say). */
    OptionalLong savings(SrDisk.Sr sr) {
        Known k = known.get(sr.uuid());
        if ((k == null || System.nanoTime() - k.atNanos() > MAX_AGE.toNanos()) && asking.add(sr.uuid())) {
            asker.execute(() -> ask(sr));
        }
        return k == null ? OptionalLong.empty() : k.savings();
    }

    private void ask(SrDisk.Sr sr) {
        try {
            OptionalLong s = offload.spaceOf(sr).map(SpaceReport::savings).orElse(OptionalLong.empty());
            known.put(sr.uuid(), new Known(s, System.nanoTime()));
        } catch (StorageFailure | RuntimeException e) {
            LOG.debug("array space of SR {} unknown: {}", sr.uuid(), e.getMessage());
            known.put(sr.uuid(), new Known(OptionalLong.empty(), System.nanoTime()));
        } finally {
            asking.remove(sr.uuid());
        }
    }
}
