package org.xenwbem.provider.classes.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xenwbem.bridge.NetworkRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VbdRecord;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.CimInstance;

/**
 * Every object path and ID this family builds, in the anchor's formats (xs-cim {@code cmpiutil.c}
 * {@code "Xen:%s"} / {@code "Xen:%s/%s"}; per-class sources in the javadoc of each method). The
 * VM-side ends of cross-family associations are built here too, so they agree with the VM-side
 * providers by construction of the same formats.
 */
public final class Paths {
    static final String NS = ProviderContext.NAMESPACE;
    public static final String HOST_CLASS = "Xen_HostComputerSystem";
    public static final String VM_CLASS = "Xen_ComputerSystem";
    public static final String SWITCH_CLASS = "Xen_VirtualSwitch";
    /** Anchor {@code Xen_VirtualSwitch.c}: a network without PIFs has this in place of a host uuid. */
    static final String NO_HOST = "NoHost";

    private Paths() {
    }

    /** Sets the keys of {@code path} on an instance builder: the instance and its path share one format. */
    public static CimInstance.Builder keyed(CimInstance.Builder b, CimObjectPath path) {
        path.keys().forEach(b::set);
        return b;
    }

    public static CimObjectPath path(String cls, Object... keyValues) {
        Map<String, Object> keys = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            keys.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new CimObjectPath(NS, cls, keys);
    }

    /** {@code InstanceID}-keyed classes. */
    public static CimObjectPath byInstanceId(String cls, String instanceId) {
        return path(cls, "InstanceID", instanceId);
    }

    public static CimObjectPath host(String hostUuid) {
        return path(HOST_CLASS, "CreationClassName", HOST_CLASS, "Name", hostUuid);
    }

    public static CimObjectPath vm(String vmUuid) {
        return path(VM_CLASS, "CreationClassName", VM_CLASS, "Name", vmUuid);
    }

    /** CIM_Service keys (anchor {@code Xen_Services.c} {@code svc_keys}): the host is the scoping system. */
    public static CimObjectPath service(String cls, String hostUuid, String name) {
        return path(cls, "SystemCreationClassName", HOST_CLASS, "SystemName", hostUuid,
                "CreationClassName", cls, "Name", name);
    }

    /** CIM_LogicalDevice keys. */
    public static CimObjectPath device(String cls, String systemClass, String systemName, String deviceId) {
        return path(cls, "SystemCreationClassName", systemClass, "SystemName", systemName,
                "CreationClassName", cls, "DeviceID", deviceId);
    }

    /** {@code Xen:<host>/<host_cpu>} (anchor {@code Xen_HostProcessor.c}). */
    public static CimObjectPath hostProcessor(String hostUuid, String cpuUuid) {
        return device("Xen_HostProcessor", HOST_CLASS, hostUuid, Ids.device(hostUuid, cpuUuid));
    }

    /** {@code Xen:<host>/Memory}. */
    public static CimObjectPath hostMemory(String hostUuid) {
        return device("Xen_HostMemory", HOST_CLASS, hostUuid, Ids.device(hostUuid, "Memory"));
    }

    /** {@code Xen:<host>/<pif>} (anchor {@code Xen_HostNetworkPort.c}). */
    public static CimObjectPath hostNetworkPort(String hostUuid, String pifUuid) {
        return device("Xen_HostNetworkPort", HOST_CLASS, hostUuid, Ids.device(hostUuid, pifUuid));
    }

    /** A host NIC's settings: {@code Xen_HostNetworkPortSettingData.InstanceID="Xen:<host>/<pif>"}. */
    public static CimObjectPath hostNetworkPortSettings(String hostUuid, String pifUuid) {
        return byInstanceId("Xen_HostNetworkPortSettingData", Ids.device(hostUuid, pifUuid));
    }

    /** {@code Xen:<vm>/<suspend vdi>} scoped by {@code Xen:<vm>} (anchor {@code Xen_MemoryState.c}). */
    public static CimObjectPath memoryState(String vmUuid, String vdiUuid) {
        return device("Xen_MemoryState", "Xen_ComputerSystemSnapshot", Ids.system(vmUuid), Ids.device(vmUuid, vdiUuid));
    }

    /** The host of a network's first PIF, else "NoHost" (anchor pool_instance_set_properties). */
    public static String networkOwner(NetworkRecord n, PoolSnapshot s) {
        return n.pifUuids().isEmpty() ? NO_HOST
                : s.pif(n.pifUuids().get(0)).map(p -> p.hostUuid()).filter(h -> !h.isEmpty()).orElse(NO_HOST);
    }

    /** {@code Xen:<host of first PIF or "NoHost">/<network>}. */
    public static CimObjectPath networkPool(NetworkRecord n, PoolSnapshot s) {
        return byInstanceId("Xen_NetworkConnectionPool", Ids.device(networkOwner(n, s), n.uuid()));
    }

    /** {@code Xen:<host>/ProcessorPool} (the PoolID the anchor's processor settings name). */
    public static CimObjectPath processorPool(String hostUuid) {
        return byInstanceId("Xen_ProcessorPool", processorPoolId(hostUuid));
    }

    /** The InstanceID (and PoolID) of a host's processor pool. */
    public static String processorPoolId(String hostUuid) {
        return Ids.device(hostUuid, "ProcessorPool");
    }

    /** {@code Xen:<host>/MemoryPool} (anchor {@code Xen_MemoryCapabilitiesSettingData.c} PoolID). */
    public static CimObjectPath memoryPool(String hostUuid) {
        return byInstanceId("Xen_MemoryPool", memoryPoolId(hostUuid));
    }

    /** The InstanceID (and PoolID) of a host's memory pool. */
    public static String memoryPoolId(String hostUuid) {
        return Ids.device(hostUuid, "MemoryPool");
    }

    /** A CIM job: {@code <job class>.InstanceID="Xen:<task uuid>"} (anchor §6). */
    public static CimObjectPath job(String jobClass, String taskUuid) {
        return byInstanceId(jobClass, Ids.system(taskUuid));
    }

    /** Name = network uuid (anchor {@code virtual_switch_create_ref}). */
    public static CimObjectPath virtualSwitch(String networkUuid) {
        return path(SWITCH_CLASS, "CreationClassName", SWITCH_CLASS, "Name", networkUuid);
    }

    public static CimObjectPath switchPort(String networkUuid, String vifUuid) {
        return device("Xen_VirtualSwitchPort", SWITCH_CLASS, networkUuid, Ids.device(networkUuid, vifUuid));
    }

    /** CIM_ServiceAccessPoint keys: Name in place of DeviceID. */
    static CimObjectPath endpoint(String cls, String systemClass, String systemName, String name) {
        return path(cls, "SystemCreationClassName", systemClass, "SystemName", systemName,
                "CreationClassName", cls, "Name", name);
    }

    public static CimObjectPath switchEndpoint(String networkUuid, String vifUuid) {
        return endpoint("Xen_VirtualSwitchLANEndpoint", SWITCH_CLASS, networkUuid, Ids.device(networkUuid, vifUuid));
    }

    public static CimObjectPath vmEndpoint(String vmUuid, String vifUuid) {
        return endpoint("Xen_ComputerSystemLANEndpoint", VM_CLASS, vmUuid, Ids.device(vmUuid, vifUuid));
    }

    /** A VM device: {@code Xen:<vm>/<device>} scoped by the VM. */
    public static CimObjectPath vmDevice(String cls, String vmUuid, String device) {
        return device(cls, VM_CLASS, vmUuid, Ids.device(vmUuid, device));
    }

    /** Xen_Disk for a disk VBD, Xen_DiskDrive for a CD or floppy drive: {@code Xen:<vm>/<vbd>}. */
    public static CimObjectPath vmDisk(VbdRecord vbd) {
        return vmDevice(vbd.type() == VbdRecord.Type.Disk ? "Xen_Disk" : "Xen_DiskDrive", vbd.vmUuid(), vbd.uuid());
    }

    /** Anchor {@code Xen_Processor.c}: {@code Xen:<vm>/VCPU<n>}. */
    public static CimObjectPath vmProcessor(String vmUuid, long n) {
        return vmDevice("Xen_Processor", vmUuid, "VCPU" + n);
    }

    /** A RASD: {@code Xen:<vm>/<Memory | Processor | vbd | vif>}. */
    public static CimObjectPath rasd(String cls, String vmUuid, String device) {
        return byInstanceId(cls, Ids.device(vmUuid, device));
    }

    /** VMs that are systems (Xen_ComputerSystem instances: neither templates nor snapshots). */
    public static List<VmRecord> systems(PoolSnapshot s) {
        return s.vms().stream().filter(v -> !v.isATemplate() && !v.isASnapshot()).toList();
    }
}
