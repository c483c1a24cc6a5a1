package org.xenwbem.bridge.mirror;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.xenwbem.bridge.BondRecord;
import org.xenwbem.bridge.ConsoleRecord;
import org.xenwbem.bridge.HostCpuRecord;
import org.xenwbem.bridge.HostMetricsRecord;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.NetworkRecord;
import org.xenwbem.bridge.PbdRecord;
import org.xenwbem.bridge.PifRecord;
import org.xenwbem.bridge.PoolRecord;
import org.xenwbem.bridge.SrRecord;
import org.xenwbem.bridge.TaskRecord;
import org.xenwbem.bridge.VbdRecord;
import org.xenwbem.bridge.VdiRecord;
import org.xenwbem.bridge.VifRecord;
import org.xenwbem.bridge.VlanRecord;
import org.xenwbem.bridge.VmGuestMetricsRecord;
import org.xenwbem.bridge.VmMetricsRecord;
import org.xenwbem.bridge.VmRecord;

/**
 * The XenAPI classes the mirror follows, in load order, with the parent each child class is indexed
 * by (e.g. a VBD by its VM). {@code host_metrics} and {@code VM_metrics} are joined into hosts and VMs.
 */
enum MirrorClass {
    POOL("pool", PoolRecord.class, null),
    HOST_METRICS("host_metrics", HostMetricsRecord.class, null),
    HOST("host", HostRecord.class, null),
    HOST_CPU("host_cpu", HostCpuRecord.class, r -> ((HostCpuRecord) r).hostUuid()),
    VM_METRICS("VM_metrics", VmMetricsRecord.class, null),
    VM_GUEST_METRICS("VM_guest_metrics", VmGuestMetricsRecord.class, null),
    VM("VM", VmRecord.class, null),
    SR("SR", SrRecord.class, null),
    PBD("PBD", PbdRecord.class, null),
    VDI("VDI", VdiRecord.class, r -> ((VdiRecord) r).srUuid()),
    VBD("VBD", VbdRecord.class, r -> ((VbdRecord) r).vmUuid()),
    NETWORK("network", NetworkRecord.class, null),
    VIF("VIF", VifRecord.class, r -> ((VifRecord) r).vmUuid()),
    PIF("PIF", PifRecord.class, r -> ((PifRecord) r).hostUuid()),
    BOND("Bond", BondRecord.class, null),
    VLAN("VLAN", VlanRecord.class, null),
    CONSOLE("console", ConsoleRecord.class, null),
    TASK("task", TaskRecord.class, null);

    /**
     * The order of a full load: the metrics before the hosts and VMs they are joined into, and the
     * small device records (VBD, VIF, console) before the VDIs and VMs they name, so that the records
     * completed at the end ({@link ForwardRefs}) are the small ones, held twice during a resync, and the
     * big ones (VMs, VDIs) find every ref they hold already loaded.
     */
    static final List<MirrorClass> LOAD_ORDER = List.of(POOL, HOST_METRICS, VM_METRICS, VM_GUEST_METRICS, TASK,
            HOST, HOST_CPU, SR, PBD, NETWORK, PIF, BOND, VLAN, VBD, VIF, CONSOLE, VDI, VM);

    /** Every event class name, as subscribed with {@code event.from}. */
    static final List<String> EVENT_CLASSES = java.util.Arrays.stream(values()).map(c -> c.eventClass).toList();

    private static final java.util.Map<Class<?>, MirrorClass> BY_RECORD_TYPE = java.util.Arrays.stream(values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(c -> c.recordType, c -> c));

    private final String wireClass;
    private final String eventClass;
    private final Class<?> recordType;
    private final Function<Object, String> parentOf;

    MirrorClass(String wireClass, Class<?> recordType, Function<Object, String> parentOf) {
        this.wireClass = wireClass;
        this.recordType = recordType;
        this.eventClass = wireClass.toLowerCase(Locale.ROOT);
        this.parentOf = parentOf;
    }

    /** The class name in messages, e.g. {@code VM} for {@code VM.get_all_records}. */
    String wireClass() {
        return wireClass;
    }

    /** The lower-case class name event.from uses, e.g. {@code vm}. */
    String eventClass() {
        return eventClass;
    }

    /** The parent UUID a record is indexed by, or null for unindexed classes. */
    Function<Object, String> parentOf() {
        return parentOf;
    }

    /** The class whose records are of {@code type} (e.g. {@code VmRecord.class}). */
    static MirrorClass byRecordType(Class<?> type) {
        MirrorClass c = BY_RECORD_TYPE.get(type);
        if (c == null) {
            throw new IllegalArgumentException("the mirror holds no " + type.getName());
        }
        return c;
    }

    /** The class behind an event class name, or null when the mirror does not follow it. */
    static MirrorClass byEventClass(String eventClass) {
        for (MirrorClass c : values()) {
            if (c.eventClass.equals(eventClass)) {
                return c;
            }
        }
        return null;
    }
}
