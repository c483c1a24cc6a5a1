package org.xenwbem.bridge.mirror;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.xenwbem.bridge.HostCpuRecord;
import org.xenwbem.bridge.PifRecord;
import org.xenwbem.bridge.VbdRecord;
import org.xenwbem.bridge.VdiRecord;
import org.xenwbem.bridge.VifRecord;

/**
 * The XenAPI classes the mirror follows, in load order, with the parent each child class is indexed
 * by (e.g. a VBD by its VM). {@code host_metrics} and {@code VM_metrics} are joined into hosts and VMs.
 */
enum MirrorClass {
    POOL("pool", null),
    HOST_METRICS("host_metrics", null),
    HOST("host", null),
    HOST_CPU("host_cpu", r -> ((HostCpuRecord) r).hostUuid()),
    VM_METRICS("VM_metrics", null),
    VM_GUEST_METRICS("VM_guest_metrics", null),
    VM("VM", null),
    SR("SR", null),
    PBD("PBD", null),
    VDI("VDI", r -> ((VdiRecord) r).srUuid()),
    VBD("VBD", r -> ((VbdRecord) r).vmUuid()),
    NETWORK("network", null),
    VIF("VIF", r -> ((VifRecord) r).vmUuid()),
    PIF("PIF", r -> ((PifRecord) r).hostUuid()),
    BOND("Bond", null),
    VLAN("VLAN", null),
    CONSOLE("console", null),
    TASK("task", null);

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

    private final String wireClass;
    private final String eventClass;
    private final Function<Object, String> parentOf;

    MirrorClass(String wireClass, Function<Object, String> parentOf) {
        this.wireClass = wireClass;
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
