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
 * are rebuilt, and each of those only along the changed records.
 * <p>
 * A {@linkplain #fullLoad full load} instead applies every record of one class after the other, as
 * they arrive, with no learning pass: a ref to an object of a class not loaded yet is resolved once all
 * are in, by {@link #resolveForwardRefs()} ({@link ForwardRefs}).
 */
final class SnapshotBuilder implements MapContext {
    private final MirrorSnapshot base;
    private final MirrorState state;
    private final Table.Editor<?>[] editors = new Table.Editor<?>[MirrorClass.values().length];
    /** Null except during a full load. */
    private final ForwardRefs forward;

    SnapshotBuilder(MirrorSnapshot base, MirrorState state) {
        this(base, state, null);
    }

    private SnapshotBuilder(MirrorSnapshot base, MirrorState state, ForwardRefs forward) {
        this.base = base;
        this.state = state;
        this.forward = forward;
    }

    /** A builder of a whole new snapshot into the empty {@code state}, fed class by class. */
    static SnapshotBuilder fullLoad(MirrorState state) {
        return new SnapshotBuilder(MirrorSnapshot.EMPTY, state, new ForwardRefs(state.refs));
    }

    /** Pass 1: remember the UUID behind {@code ref} (a no-op for deletions, which carry no record). */
    void learn(String ref, Map<String, Object> record) {
        if (record != null) {
            state.refs.put(ref, Fields.str(record, "uuid"));
        }
    }

    /** Pass 2: applies one add, mod or del; returns true when the snapshot changed. */
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
        state.refs.put(ref, uuid);
        if (forward != null) {
            forward.startRecord();
        }
        Object mapped = RecordMapper.map(c, record, this);
        editor(c).put(uuid, mapped);
        if (forward != null) {
            forward.endRecord(c, uuid);
        }
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
        if (v != null) {
            vms.put(vm, v.withMetrics(m));
        }
    }

    private void rejoinHost(String metricsRef, HostMetricsRecord m) {
        String host = state.hostByMetrics.uuid(metricsRef);
        Table.Editor<HostRecord> hosts = editor(MirrorClass.HOST);
        HostRecord h = host.isEmpty() ? null : hosts.get(host);
        if (h != null) {
            hosts.put(host, h.withMetrics(m));
        }
    }

    /** After a full load: rebuilds the records that named objects loaded after them; returns how many. */
    int resolveForwardRefs() {
        int n = forward == null ? 0 : forward.notedCount();
        if (forward != null) {
            forward.resolve(this::editor);
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
