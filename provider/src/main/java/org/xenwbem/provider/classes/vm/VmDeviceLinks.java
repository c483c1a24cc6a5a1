package org.xenwbem.provider.classes.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.LinkProvider.Link;
import org.xenwbem.provider.classes.common.LinkProvider;
import org.xenwbem.provider.classes.common.ProviderContext;

/**
 * The associations of the VM devices (xs-cim {@code g_assoc_table}): each system's devices
 * ({@code Xen_ComputerSystem<Device>}, CIM_SystemDevice) and each device's setting data
 * ({@code Xen_<Device>SettingsDefineState}; every VCPU is defined by the VM's one processor RASD).
 * The anchor declared no KVP-specific associations: a guest key/value pair is tied to its system by
 * its generic {@code Xen_SystemDevice} and to its RASD by the DMTF {@code CIM_SettingsDefineState}.
 */
public final class VmDeviceLinks {
    private VmDeviceLinks() {
    }

    /**
     * One kind of VM device: its {@code CIM_SystemDevice} association, its
     * {@code CIM_SettingsDefineState} association (null: the device has no RASD) and its devices.
     */
    private record Kind(String systemDevice, String definedBy, Function<PoolSnapshot, List<Device>> devices) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("Xen_ComputerSystemProcessor", "Xen_ProcessorSettingsDefineState", VmDeviceLinks::processors),
            new Kind("Xen_ComputerSystemMemory", "Xen_MemorySettingsDefineState", VmDeviceLinks::memories),
            new Kind("Xen_ComputerSystemDisk", "Xen_DiskSettingsDefineState", s -> vbds(s, false)),
            new Kind("Xen_ComputerSystemDiskDrive", "Xen_DiskDriveSettingsDefineState", s -> vbds(s, true)),
            new Kind("Xen_ComputerSystemNetworkPort", "Xen_NetworkPortSettingsDefineState", VmDeviceLinks::ports),
            new Kind("Xen_ComputerSystemConsole", null, VmDeviceLinks::consoles));

    static List<InstanceProvider> all(ProviderContext pc) {
        List<InstanceProvider> out = new ArrayList<>();
        for (Kind k : KINDS) {
            systemDevice(pc, out, k.systemDevice(), k.devices());
        }
        for (Kind k : KINDS) {
            if (k.definedBy() != null) {
                definedBy(pc, out, k.definedBy(), k.devices());
            }
        }
        systemDevice(pc, out, "Xen_SystemDevice", VmDeviceLinks::kvps);
        definedBy(pc, out, "CIM_SettingsDefineState", VmDeviceLinks::kvps);
        return out;
    }

    /** A device of a VM with the RASD that defines it. */
    private record Device(String vmUuid, CimObjectPath device, CimObjectPath settings) {
    }

    /** GroupComponent = the Xen_ComputerSystem, PartComponent = the device. */
    private static void systemDevice(ProviderContext pc, List<InstanceProvider> out, String cls,
                                     Function<PoolSnapshot, List<Device>> devices) {
        out.add(new LinkProvider(pc, cls, "GroupComponent", "PartComponent", s -> devices.apply(s).stream()
                .map(d -> new Link(VmRefs.system(d.vmUuid()), d.device())).toList()));
    }

    /** ManagedElement = the device, SettingData = its RASD. */
    private static void definedBy(ProviderContext pc, List<InstanceProvider> out, String cls,
                                  Function<PoolSnapshot, List<Device>> devices) {
        out.add(new LinkProvider(pc, cls, "ManagedElement", "SettingData", s -> devices.apply(s).stream()
                .map(d -> new Link(d.device(), d.settings())).toList()));
    }

    private static List<Device> processors(PoolSnapshot s) {
        List<Device> out = new ArrayList<>();
        for (VmSources.Vcpu v : VmSources.vcpus(s)) {
            String vm = v.vm().uuid();
            out.add(new Device(vm, VmRefs.device(VmProcessorProvider.CLASS, vm, VmProcessorProvider.deviceId(v.vm(), v.number())),
                    VmRefs.instance(ProcessorSettingDataProvider.CLASS, ProcessorSettingDataProvider.instanceId(v.vm()))));
        }
        return out;
    }

    private static List<Device> memories(PoolSnapshot s) {
        List<Device> out = new ArrayList<>();
        for (VmRecord vm : VmSources.vms(s, VmSources.SYSTEMS)) {
            out.add(new Device(vm.uuid(), VmRefs.device(VmMemoryProvider.CLASS, vm.uuid(), VmMemoryProvider.deviceId(vm)),
                    VmRefs.instance(MemorySettingDataProvider.CLASS, MemorySettingDataProvider.instanceId(vm))));
        }
        return out;
    }

    private static List<Device> vbds(PoolSnapshot s, boolean drives) {
        String cls = drives ? VmDiskProvider.DRIVE : VmDiskProvider.DISK;
        return VmSources.vbds(s, VmSources.SYSTEMS, v -> VmSources.isDrive(v) == drives).stream()
                .map(v -> new Device(v.vm().uuid(), VmRefs.device(cls, v.vm().uuid(), VmDiskProvider.deviceId(v)),
                        VmRefs.instance(DiskSettingDataProvider.CLASS, DiskSettingDataProvider.instanceId(v))))
                .toList();
    }

    private static List<Device> ports(PoolSnapshot s) {
        return VmSources.vifs(s, VmSources.SYSTEMS).stream().map(v -> new Device(v.vm().uuid(),
                VmRefs.device(VmNetworkPortProvider.CLASS, v.vm().uuid(), VmNetworkPortProvider.deviceId(v)),
                VmRefs.instance(NetworkPortSettingDataProvider.CLASS, NetworkPortSettingDataProvider.instanceId(v))))
                .toList();
    }

    private static List<Device> consoles(PoolSnapshot s) {
        return VmSources.consoles(s, VmSources.SYSTEMS).stream().map(c -> new Device(c.vm().uuid(),
                VmRefs.device(VmConsoleProvider.CLASS, c.vm().uuid(), VmConsoleProvider.deviceId(c)),
                VmRefs.instance(ConsoleSettingDataProvider.CLASS, ConsoleSettingDataProvider.instanceId(c))))
                .toList();
    }

    private static List<Device> kvps(PoolSnapshot s) {
        return GuestKvps.all(s, VmSources.SYSTEMS).stream().map(k -> new Device(k.vm().uuid(),
                VmRefs.device(VmKvpProvider.CLASS, k.vm().uuid(), GuestKvps.id(k)),
                VmRefs.instance(KvpSettingDataProvider.CLASS, GuestKvps.id(k)))).toList();
    }
}
