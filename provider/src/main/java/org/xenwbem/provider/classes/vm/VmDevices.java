package org.xenwbem.provider.classes.vm;

import java.util.List;
import java.util.Map;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.classes.common.CimStates;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.Paths;

/** What the VM device providers share: their keys and the CIM_LogicalDevice status vocabulary. */
public final class VmDevices {
    /** EnabledState 5: Not Applicable (the anchor's value for VCPUs and memory). */
    static final long NOT_APPLICABLE = 5;
    /** Availability 3: Running/Full Power; 8: Off Line. */
    static final long RUNNING = 3;
    static final long OFF_LINE = 8;
    static final String OK = "OK";

    private VmDevices() {
    }

    /** A device builder with its four keys set: the VM is its system. */
    public static CimInstance.Builder keyed(CimInstance.Builder b, String cimClass, String vmUuid, String deviceId) {
        return Paths.keyed(b, VmRefs.device(cimClass, vmUuid, deviceId));
    }

    /** OperationalStatus OK, HealthState OK, Status "OK". */
    public static CimInstance.Builder healthy(CimInstance.Builder b) {
        return b.set("OperationalStatus", List.of(CimStates.OP_OK))
                .set("HealthState", CimStates.HEALTH_OK)
                .set("Status", OK);
    }

    /** Plugged devices are Enabled and running; unplugged ones Enabled but Offline and off line. */
    static CimInstance.Builder attachment(CimInstance.Builder b, boolean attached) {
        return b.set("EnabledState", attached ? CimStates.ENABLED : CimStates.ENABLED_BUT_OFFLINE)
                .set("EnabledDefault", CimStates.ENABLED)
                .set("RequestedState", CimStates.REQUESTED_NOT_APPLICABLE)
                .set("Availability", attached ? RUNNING : OFF_LINE);
    }

    /** True when the lookup keys name this class and the VM named by the DeviceID owner part. */
    public static boolean keysAgree(Map<String, Object> keys, String cimClass) {
        String id = VmRefs.key(keys, "DeviceID");
        return cimClass.equalsIgnoreCase(VmRefs.key(keys, "CreationClassName"))
                && VmRefs.SYSTEM_CLASS.equalsIgnoreCase(VmRefs.key(keys, "SystemCreationClassName"))
                && id != null && String.valueOf(Ids.owner(id)).equals(VmRefs.key(keys, "SystemName"));
    }

    /** A RASD of one whole thing (a console, a key/value pair): one, counted, allocated with the VM. */
    static CimInstance.Builder oneCounted(CimInstance.Builder b) {
        return b.set("Reservation", 1L)
                .set("Limit", 1L)
                .set("VirtualQuantity", 1L)
                .set("AllocationUnits", "count")
                .set("VirtualQuantityUnits", "count")
                .set("AutomaticAllocation", true)
                .set("AutomaticDeallocation", true);
    }
}
