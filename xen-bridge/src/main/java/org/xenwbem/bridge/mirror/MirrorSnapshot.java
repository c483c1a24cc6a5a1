package org.xenwbem.bridge.mirror;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xenwbem.bridge.PoolRecord;
import org.xenwbem.bridge.PoolSnapshot;

/**
 * An immutable {@link PoolSnapshot}: one {@link Table} per mirrored class, found by
 * the record type a reader asks for ({@link MirrorClass#byRecordType}). Successive snapshots share
 * every table (and most of each changed table) that a batch did not touch.
 */
final class MirrorSnapshot implements PoolSnapshot {
    static final PoolRecord NO_POOL = new PoolRecord("", "", "", "", "", false, Map.of());
    /** Before the first sync: generation 0, an empty pool record, no objects. */
    static final MirrorSnapshot EMPTY = new MirrorSnapshot(0, emptyTables());

    private final long generation;
    private final Table<?>[] tables;

    MirrorSnapshot(long generation, Table<?>[] tables) {
        this.generation = generation;
        this.tables = tables;
    }

    private static Table<?>[] emptyTables() {
        Table<?>[] t = new Table<?>[MirrorClass.values().length];
        for (MirrorClass c : MirrorClass.values()) {
            t[c.ordinal()] = Table.empty(c.parentOf());
        }
        return t;
    }

    /** The tables, for the builder of the next snapshot (not copied: callers must not write). */
    Table<?>[] tables() {
        return tables;
    }

    @SuppressWarnings("unchecked")
    private <R> Table<R> t(MirrorClass c) {
        return (Table<R>) tables[c.ordinal()];
    }

    @Override
    public long generation() {
        return generation;
    }

    @Override
    public PoolRecord pool() {
        return all(PoolRecord.class).stream().findFirst().orElse(NO_POOL);
    }

    @Override
    public <R> Collection<R> all(Class<R> type) {
        return this.<R>t(MirrorClass.byRecordType(type)).all();
    }

    @Override
    public <R> Optional<R> get(Class<R> type, String uuid) {
        return Optional.ofNullable(uuid == null ? null : this.<R>t(MirrorClass.byRecordType(type)).get(uuid));
    }

    @Override
    public <R> List<R> childrenOf(Class<R> type, String parentUuid) {
        return parentUuid == null ? List.of() : this.<R>t(MirrorClass.byRecordType(type)).childrenOf(parentUuid);
    }

    @Override
    public String toString() {
        return "PoolSnapshot[generation=" + generation + ", hosts=" + t(MirrorClass.HOST).size() + ", vms="
                + t(MirrorClass.VM).size() + ", vdis=" + t(MirrorClass.VDI).size() + "]";
    }
}
