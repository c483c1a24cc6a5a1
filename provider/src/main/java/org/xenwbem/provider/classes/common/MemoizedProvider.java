package org.xenwbem.provider.classes.common;

import java.lang.ref.SoftReference;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimInstance;

/**
 * A snapshot provider that also remembers each instance across generations: the mirror's snapshots
 * share unchanged records, so an instance whose input records are the very same objects as last time
 * is reused instead of rebuilt. A change to one VM then costs one VM's instances, not the pool's.
 *
 * @param <T> the record (or record tuple) an instance is made from
 */
public abstract class MemoizedProvider<T> extends SnapshotProvider<T> {
    private record Entry(Object[] inputs, CimInstance instance) {
    }

    private final Object memoLock = new Object();
    /** Held softly, like the instance list: under memory pressure every instance is simply rebuilt. */
    private volatile SoftReference<Map<String, Entry>> memo = new SoftReference<>(null);

    protected MemoizedProvider(ProviderContext ctx, String className) {
        super(ctx, className);
    }

    /** The records the class has one instance for, in a stable order. */
    protected abstract Collection<T> records(PoolSnapshot s);

    /** What identifies the instance made from {@code source} (its InstanceID or DeviceID). */
    protected abstract String memoKey(T source);

    /** Every record the instance is made from; compared by identity with the last build's. */
    protected abstract Object[] inputs(T source, PoolSnapshot s);

    /** Builds the instance. */
    protected abstract CimInstance build(T source, PoolSnapshot s);

    private Map<String, Entry> memo() {
        Map<String, Entry> m = memo.get();
        if (m == null) {
            synchronized (memoLock) {
                m = memo.get();
                if (m == null) {
                    m = new ConcurrentHashMap<>();
                    memo = new SoftReference<>(m);
                }
            }
        }
        return m;
    }

    @Override
    protected final Iterable<T> sources(PoolSnapshot s) {
        Collection<T> all = records(s);
        Map<String, Entry> m = memo();
        if (m.size() > 2 * all.size() + 16) {
            Set<String> live = all.stream().map(this::memoKey).collect(Collectors.toSet());
            m.keySet().retainAll(live);
        }
        return all;
    }

    @Override
    protected final CimInstance map(T source, PoolSnapshot s) {
        String key = memoKey(source);
        Object[] in = inputs(source, s);
        Map<String, Entry> m = memo();
        Entry e = m.get(key);
        if (e != null && sameObjects(e.inputs(), in)) {
            return e.instance();
        }
        CimInstance built = build(source, s);
        m.put(key, new Entry(in, built));
        return built;
    }

    private static boolean sameObjects(Object[] a, Object[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }
}
