package org.xenwbem.provider.classes.common;

import java.util.function.Function;
import org.xenwbem.bridge.PoolSnapshot;

/**
 * The part {@link Mapped} and {@link Link} share: a {@link SnapshotProvider} whose records come from
 * a function of the snapshot, served in a given namespace, optionally following the sampled
 * performance values.
 *
 * @param <T> the record an instance is made from
 */
abstract class AssembledProvider<T> extends SnapshotProvider<T> {
    private final String namespace;
    private final Function<PoolSnapshot, ? extends Iterable<T>> sources;
    private final boolean perf;

    AssembledProvider(ProviderContext pc, String className, String namespace,
                      Function<PoolSnapshot, ? extends Iterable<T>> sources, boolean perf) {
        super(pc, className);
        this.namespace = namespace;
        this.sources = sources;
        this.perf = perf;
    }

    final boolean perf() {
        return perf;
    }

    @Override
    protected final boolean readsPerf() {
        return perf;
    }

    @Override
    protected final String namespace() {
        return namespace;
    }

    @Override
    protected final Iterable<T> sources(PoolSnapshot s) {
        return sources.apply(s);
    }
}
