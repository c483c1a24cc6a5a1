package org.xenwbem.provider.classes;

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
abstract class MemoizedProvider<T> extends SnapshotProvider<T> {
    private record Entry(Object[] inputs, CimInstance instance) {
    }

    private final Map<String, Entry> memo = new ConcurrentHashMap<>();

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

    @Override
    protected final Iterable<T> sources(PoolSnapshot s) {
        Collection<T> all = records(s);
        if (memo.size() > 2 * all.size() + 16) {
            Set<String> live = all.stream().map(this::memoKey).collect(Collectors.toSet());
            memo.keySet().retainAll(live);
        }
        return all;
    }

    @Override
    protected final CimInstance map(T source, PoolSnapshot s) {
        String key = memoKey(source);
        Object[] in = inputs(source, s);
        Entry e = memo.get(key);
        if (e != null && sameObjects(e.inputs(), in)) {
            return e.instance();
        }
        CimInstance built = build(source, s);
        memo.put(key, new Entry(in, built));
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
