package org.xenwbem.bridge.mirror;

import java.util.List;
import java.util.Map;
import org.xenwbem.bridge.HostMetricsRecord;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.VmMetricsRecord;
import org.xenwbem.bridge.VmRecord;

/**
 * Derives the next snapshot from the current one and one batch of changes. Callers first
 * {@link #learn} every object of the batch (so that refs between objects of the same batch resolve),
 * then {@link #apply} the changes in order, then {@link #build}. Only the tables of touched classes
 * are rebuilt, and each of those only along the changed records. A record equal to the one the previous
 * snapshot holds is that one, and every UUID string is the one already held, so that a snapshot shares
 * whatever did not change with the one before.
 * <p>
 * A {@linkplain #fullLoad full load} instead applies every record of one class after the other, as
 * they arrive, with no learning pass: a ref to an object of a class not loaded yet is resolved once all
 * are in, by {@link #resolveForwardRefs()} ({@link ForwardRefs}). Sharing with the snapshot it
 * replaces, a resync costs little more memory than the records that changed.
 */
final class SnapshotBuilder implements MapContext {
    private final MirrorSnapshot base;
    /** Where unchanged records and UUID strings are taken from: the base, or the snapshot a full load replaces. */
    private final MirrorSnapshot previous;
    private final MirrorState state;
    private final Table.Editor<?>[] editors = new Table.Editor<?>[MirrorClass.values().length];
    /** Null except during a full load. */
    private final ForwardRefs forward;
    private int shared;

    SnapshotBuilder(MirrorSnapshot base, MirrorState state) {
        this(base, base, state, null);
    }

    private SnapshotBuilder(MirrorSnapshot base, MirrorSnapshot previous, MirrorState state, ForwardRefs forward) {
        this.base = base;
        this.previous = previous;
        this.state = state;
        this.forward = forward;
    }

    /**
     * A builder of a whole new snapshot into the empty {@code state}, fed class by class (each announced
     * by {@link #startClass}), sharing what did not change with {@code previous} (the snapshot it is to
     * replace), whose refs ({@code hints}, nullable) stand in for those of classes not loaded yet.
     */
    static SnapshotBuilder fullLoad(MirrorState state, MirrorSnapshot previous, RefIndex hints) {
        return new SnapshotBuilder(MirrorSnapshot.EMPTY, previous, state,
                new ForwardRefs(state.refs, hints, previous));
    }

    /** During a full load: the records of {@code c} follow. */
    void startClass(MirrorClass c) {
        forward.startClass(c);
    }

    /** After a full load: false when a ref taken from the hints turned out wrong (load again without). */
    boolean guessesHeld() {
        return forward == null || forward.guessesHeld();
    }

    /** Pass 1: remember the UUID behind {@code ref} (a no-op for deletions, which carry no record). */
    void learn(String ref, Map<String, Object> record) {
        if (record != null) {
            String uuid = Fields.str(record, "uuid");
            if (!uuid.equals(state.refs.uuid(ref))) {
                state.refs.put(ref, uuid);
            }
        }
    }

    /**
     * Pass 2: applies one add, mod or del; returns true when the snapshot changed. The record's
     * {@code uuid} entry is replaced by the UUID string already held, if any.
     */
    boolean apply(MirrorClass c, String operation, String ref, Map<String, Object> record) {
        if ("del".equals(operation)) {
            return delete(c, ref);
        }
        if (record == null) {
            return false;
        }
        String uuid = Fields.str(record, "uuid");
        if (uuid.isEmpty()) {
            return false;
        }
        uuid = held(c, ref, uuid);
        record.put("uuid", uuid);
        state.refs.put(ref, uuid);
        if (forward != null) {
            forward.startRecord();
        }
        Object mapped = RecordMapper.map(c, record, this);
        if (forward == null || !forward.endRecord(c, uuid)) {
            mapped = reused(c, uuid, mapped);
        }
        editor(c).put(uuid, mapped);
        switch (c) {
            case VM -> state.vmByMetrics.put(Fields.str(record, "metrics"), uuid);
            case HOST -> state.hostByMetrics.put(Fields.str(record, "metrics"), uuid);
            case VM_METRICS -> rejoinVm(ref, (VmMetricsRecord) mapped);
            case HOST_METRICS -> rejoinHost(ref, (HostMetricsRecord) mapped);
            default -> {
                // no joined owner
            }
        }
        return true;
    }

    /** The instance of {@code uuid} already held (by the ref index or the previous snapshot), else {@code uuid}. */
    private String held(MirrorClass c, String ref, String uuid) {
        String known = state.refs.uuid(ref);
        if (known.equals(uuid)) {
            return known;
        }
        String key = previous.tables()[c.ordinal()].key(uuid);
        return key != null ? key : uuid;
    }

    /** The previous snapshot's record when {@code fresh} equals it, so that snapshots share it. */
    private Object reused(MirrorClass c, String uuid, Object fresh) {
        Object old = previous.tables()[c.ordinal()].get(uuid);
        if (fresh.equals(old)) {
            shared++;
            return old;
        }
        return fresh;
    }

    /** How many records so far were found equal to the previous snapshot's, and shared. */
    int shared() {
        return shared;
    }

    private boolean delete(MirrorClass c, String ref) {
        String uuid = state.refs.uuid(ref);
        if (uuid.isEmpty()) {
            return false;
        }
        editor(c).remove(uuid);
        state.refs.remove(ref);
        if (c == MirrorClass.VM_METRICS) {
            state.vmByMetrics.remove(ref);
        } else if (c == MirrorClass.HOST_METRICS) {
            state.hostByMetrics.remove(ref);
        }
        return true;
    }

    private void rejoinVm(String metricsRef, VmMetricsRecord m) {
        String vm = state.vmByMetrics.uuid(metricsRef);
        Table.Editor<VmRecord> vms = editor(MirrorClass.VM);
        VmRecord v = vm.isEmpty() ? null : vms.get(vm);
        if (v != null && v.metrics() != m) {
            vms.put(vm, v.withMetrics(m));
        }
    }

    private void rejoinHost(String metricsRef, HostMetricsRecord m) {
        String host = state.hostByMetrics.uuid(metricsRef);
        Table.Editor<HostRecord> hosts = editor(MirrorClass.HOST);
        HostRecord h = host.isEmpty() ? null : hosts.get(host);
        if (h != null && h.metrics() != m) {
            hosts.put(host, h.withMetrics(m));
        }
    }

    /** After a full load: rebuilds the records that named objects loaded after them; returns how many. */
    int resolveForwardRefs() {
        int n = forward == null ? 0 : forward.notedCount();
        if (forward != null) {
            forward.resolve(new ForwardRefs.Store() {
                @Override
                public Object get(MirrorClass c, String uuid) {
                    return editor(c).get(uuid);
                }

                @Override
                public void put(MirrorClass c, String uuid, Object rebuilt) {
                    editor(c).put(uuid, reused(c, uuid, rebuilt));
                }
            });
        }
        return n;
    }

    MirrorSnapshot build(long generation) {
        Table<?>[] tables = base.tables().clone();
        for (int i = 0; i < editors.length; i++) {
            if (editors[i] != null) {
                tables[i] = editors[i].build();
            }
        }
        return new MirrorSnapshot(generation, tables);
    }

    @SuppressWarnings("unchecked")
    private <R> Table.Editor<R> editor(MirrorClass c) {
        Table.Editor<?> e = editors[c.ordinal()];
        if (e == null) {
            e = new Table.Editor<>((Table<R>) base.tables()[c.ordinal()]);
            editors[c.ordinal()] = e;
        }
        return (Table.Editor<R>) e;
    }

    @Override
    public String uuid(String ref) {
        return forward != null ? forward.uuid(ref) : state.refs.uuid(ref);
    }

    @Override
    public List<String> uuids(List<?> refs) {
        return forward != null ? forward.uuids(refs) : state.refs.uuids(refs);
    }

    /** Metrics are loaded before their owners ({@link MirrorClass#LOAD_ORDER}) and joined, never deferred. */
    @Override
    public VmMetricsRecord vmMetrics(String ref) {
        VmMetricsRecord m = this.<VmMetricsRecord>editor(MirrorClass.VM_METRICS).get(state.refs.uuid(ref));
        return m == null ? VmMetricsRecord.UNKNOWN : m;
    }

    @Override
    public HostMetricsRecord hostMetrics(String ref) {
        HostMetricsRecord m = this.<HostMetricsRecord>editor(MirrorClass.HOST_METRICS).get(state.refs.uuid(ref));
        return m == null ? HostMetricsRecord.UNKNOWN : m;
    }
}
