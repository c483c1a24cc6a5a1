package org.xenwbem.provider.classes.common;

import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.cimom.RequestContext;

/**
 * Base of the providers that map pool-snapshot records to instances of one class. The mapped list
 * is computed once per snapshot generation and shared by every request that reads that generation,
 * so a refresher cycle costs one mapping per class and change, and never a XenAPI call. The cache
 * gives way to memory pressure (see {@link #enumerate}).
 *
 * @param <T> the bridge record (or record tuple) an instance is made from
 */
public abstract class SnapshotProvider<T> implements InstanceProvider {
    private record Cached(long generation, long perfGeneration, List<CimInstance> instances) {
    }

    protected final ProviderContext ctx;
    private final String className;
    private final Object buildLock = new Object();
    private volatile SoftReference<Cached> cache = new SoftReference<>(null);

    protected SnapshotProvider(ProviderContext ctx, String className) {
        this.ctx = ctx;
        this.className = className;
    }

    @Override
    public final String className() {
        return className;
    }

    /** The records this class has one instance for, in a stable order. */
    protected abstract Iterable<T> sources(PoolSnapshot s);

    /** Maps one record; null skips it. */
    protected abstract CimInstance map(T source, PoolSnapshot s);

    /**
     * True when the instances also depend on the sampled performance values ({@link ProviderContext#perf}),
     * so that the cached list is rebuilt when either the pool or the values change.
     */
    protected boolean readsPerf() {
        return false;
    }

    /** Finds the one record named by the keys, when that is cheaper than a scan; empty → scan. */
    protected Optional<T> lookup(Map<String, Object> keys, PoolSnapshot s) {
        return Optional.empty();
    }

    /** True when {@link #lookup} knows how to answer (so an empty result means "no such instance"). */
    protected boolean hasLookup() {
        return false;
    }

    /**
     * The instances of the current generation. Concurrent callers share one build; the cache is held
     * softly, so that under memory pressure the collector takes it back (it is rebuilt when next read)
     * instead of the daemon running out of heap with every class of a large pool cached at once.
     */
    @Override
    public final List<CimInstance> enumerate(RequestContext rc) {
        PoolSnapshot s = ctx.pool().get();
        long perf = readsPerf() ? ctx.perf().get().generation() : 0;
        List<CimInstance> hit = cached(s, perf);
        if (hit != null) {
            return hit;
        }
        synchronized (buildLock) {
            hit = cached(s, perf);
            if (hit != null) {
                return hit;
            }
            List<CimInstance> out = new ArrayList<>();
            for (T t : sources(s)) {
                CimInstance i = map(t, s);
                if (i != null) {
                    out.add(i);
                }
            }
            List<CimInstance> frozen = List.copyOf(out);
            cache = new SoftReference<>(new Cached(s.generation(), perf, frozen));
            return frozen;
        }
    }

    private List<CimInstance> cached(PoolSnapshot s, long perf) {
        Cached c = cache.get();
        return c != null && c.generation() == s.generation() && c.perfGeneration() == perf ? c.instances() : null;
    }

    @Override
    public Optional<CimInstance> get(RequestContext rc, Map<String, Object> keys) throws CimException {
        if (!hasLookup()) {
            return InstanceProvider.super.get(rc, keys);
        }
        PoolSnapshot s = ctx.pool().get();
        Optional<CimInstance> found = lookup(keys, s).map(t -> map(t, s));
        return found.filter(i -> i.path().equals(new org.xenwbem.cim.CimObjectPath(null, className, keys)));
    }

    /** The namespace this provider's instances live in; root/cimv2 unless overridden. */
    protected String namespace() {
        return ProviderContext.NAMESPACE;
    }

    /** Builder for an instance of this provider's class in {@link #namespace()}. */
    protected CimInstance.Builder instance() {
        return CimInstance.builder(ctx.cimClass(className)).namespace(namespace());
    }
}
