package org.xenwbem.provider.classes.common;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimInstance;

/**
 * A {@link SnapshotProvider} assembled from functions: which records a class has one instance for,
 * how one record fills an instance, and (optionally) how keys find their record without a scan.
 *
 * @param <T> the record an instance is made from
 */
public final class Mapped<T> extends AssembledProvider<T> {
    /** Fills the builder from one record; returns false to skip the record. */
    @FunctionalInterface
    public interface Filler<T> {
        boolean fill(T source, PoolSnapshot s, CimInstance.Builder b);
    }

    private final Function<PoolSnapshot, Iterable<T>> sources;
    private final Filler<T> filler;
    private final BiFunction<Map<String, Object>, PoolSnapshot, Optional<T>> lookup;

    private Mapped(ProviderContext pc, String className, String namespace, Function<PoolSnapshot, Iterable<T>> sources,
                   Filler<T> filler, BiFunction<Map<String, Object>, PoolSnapshot, Optional<T>> lookup, boolean perf) {
        super(pc, className, namespace, sources, perf);
        this.sources = sources;
        this.filler = filler;
        this.lookup = lookup;
    }

    /** A provider in root/cimv2 that answers Get by scanning its (cached) instances. */
    public static <T> Mapped<T> of(ProviderContext pc, String className, Function<PoolSnapshot, Iterable<T>> sources,
                            Filler<T> filler) {
        return new Mapped<>(pc, className, ProviderContext.NAMESPACE, sources, filler, null, false);
    }

    /** The same provider with a direct lookup from keys to the record (empty = no such instance). */
    public Mapped<T> withLookup(BiFunction<Map<String, Object>, PoolSnapshot, Optional<T>> byKeys) {
        return new Mapped<>(ctx, className(), namespace(), sources, filler, byKeys, perf());
    }

    /** The same provider serving its instances in another namespace. */
    public Mapped<T> in(String ns) {
        return new Mapped<>(ctx, className(), ns, sources, filler, lookup, perf());
    }

    /** The same provider, whose instances also follow the sampled performance values. */
    public Mapped<T> readingPerf() {
        return new Mapped<>(ctx, className(), namespace(), sources, filler, lookup, true);
    }

    @Override
    protected CimInstance map(T source, PoolSnapshot s) {
        CimInstance.Builder b = instance();
        return filler.fill(source, s, b) ? b.build() : null;
    }

    @Override
    protected Optional<T> lookup(Map<String, Object> keys, PoolSnapshot s) {
        return lookup == null ? Optional.empty() : lookup.apply(keys, s);
    }

    @Override
    protected boolean hasLookup() {
        return lookup != null;
    }
}
