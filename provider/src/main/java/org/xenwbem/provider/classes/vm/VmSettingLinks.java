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
 * The associations of the VM settings (xs-cim {@code g_assoc_table} and {@code Xen_ElementSettingData}):
 * a system and its current settings ({@code Xen_ComputerSystemSettingsDefineState}), each VSSD with its
 * RASDs ({@code Xen_<Resource>SettingDataComponent}, templates and snapshots included), the anchor's
 * self-referencing ElementSettingData of each VSSD and RASD, and the DMTF snapshot associations.
 * Guest key/value pair RASDs, for which the anchor declared no association class, use the DMTF
 * {@code CIM_VirtualSystemSettingDataComponent} and {@code CIM_ElementSettingData}.
 */
public final class VmSettingLinks {
    private VmSettingLinks() {
    }

    static List<InstanceProvider> all(ProviderContext pc) {
        List<InstanceProvider> out = new ArrayList<>();
        out.add(new LinkProvider(pc, "Xen_ComputerSystemSettingsDefineState", "ManagedElement", "SettingData",
                s -> VmSources.vms(s, VmSources.SYSTEMS).stream()
                        .map(vm -> new Link(VmRefs.system(vm.uuid()), VmRefs.settings(vm))).toList()));
        out.add(self(pc, "Xen_ComputerSystemElementSettingData",
                s -> VmSources.vms(s, VmSources.SYSTEMS).stream().map(VmRefs::settings).toList()));
        component(pc, out, "Xen_ProcessorSettingDataComponent", VmSettingLinks::processors);
        component(pc, out, "Xen_MemorySettingDataComponent", VmSettingLinks::memories);
        component(pc, out, "Xen_DiskSettingDataComponent", VmSettingLinks::disks);
        component(pc, out, "Xen_NetworkPortSettingDataComponent", VmSettingLinks::ports);
        component(pc, out, "Xen_ConsoleSettingDataComponent", VmSettingLinks::consoles);
        out.add(self(pc, "Xen_ProcessorElementSettingData", s -> rasds(processors(s))));
        out.add(self(pc, "Xen_MemoryElementSettingData", s -> rasds(memories(s))));
        out.add(self(pc, "Xen_DiskElementSettingData", s -> rasds(disks(s))));
        out.add(self(pc, "Xen_NetworkPortElementSettingData", s -> rasds(ports(s))));
        component(pc, out, "CIM_VirtualSystemSettingDataComponent", VmSettingLinks::kvps);
        out.add(self(pc, "CIM_ElementSettingData", s -> rasds(kvps(s))));
        out.add(new LinkProvider(pc, "CIM_SnapshotOfVirtualSystem", "Antecedent", "Dependent",
                VmSettingLinks::snapshotsOf));
        out.add(new LinkProvider(pc, "CIM_MostCurrentSnapshotInBranch", "Antecedent", "Dependent",
                VmSettingLinks::mostCurrentSnapshots));
        return out;
    }

    /** GroupComponent = the VSSD (of whichever kind), PartComponent = the RASD. */
    private static void component(ProviderContext pc, List<InstanceProvider> out, String cls,
                                  Function<PoolSnapshot, List<Link>> links) {
        out.add(new LinkProvider(pc, cls, "GroupComponent", "PartComponent", links));
    }

    /** The anchor's ElementSettingData: SettingData and ManagedElement both name the same setting data. */
    private static LinkProvider self(ProviderContext pc, String cls, Function<PoolSnapshot, List<CimObjectPath>> of) {
        return new LinkProvider(pc, cls, "SettingData", "ManagedElement",
                s -> of.apply(s).stream().map(p -> new Link(p, p)).toList());
    }

    private static List<CimObjectPath> rasds(List<Link> components) {
        return components.stream().map(Link::second).toList();
    }

    private static List<Link> processors(PoolSnapshot s) {
        return s.vms().stream().map(vm -> new Link(VmRefs.settings(vm), VmRefs.instance(
                ProcessorSettingDataProvider.CLASS, ProcessorSettingDataProvider.instanceId(vm)))).toList();
    }

    private static List<Link> memories(PoolSnapshot s) {
        return s.vms().stream().map(vm -> new Link(VmRefs.settings(vm), VmRefs.instance(
                MemorySettingDataProvider.CLASS, MemorySettingDataProvider.instanceId(vm)))).toList();
    }

    private static List<Link> disks(PoolSnapshot s) {
        return VmSources.vbds(s, VmSources.ANY, v -> true).stream().map(v -> new Link(VmRefs.settings(v.vm()),
                VmRefs.instance(DiskSettingDataProvider.CLASS, DiskSettingDataProvider.instanceId(v)))).toList();
    }

    private static List<Link> ports(PoolSnapshot s) {
        return VmSources.vifs(s, VmSources.ANY).stream().map(v -> new Link(VmRefs.settings(v.vm()),
                VmRefs.instance(NetworkPortSettingDataProvider.CLASS, NetworkPortSettingDataProvider.instanceId(v))))
                .toList();
    }

    private static List<Link> consoles(PoolSnapshot s) {
        return VmSources.consoles(s, VmSources.ANY).stream().map(c -> new Link(VmRefs.settings(c.vm()),
                VmRefs.instance(ConsoleSettingDataProvider.CLASS, ConsoleSettingDataProvider.instanceId(c)))).toList();
    }

    private static List<Link> kvps(PoolSnapshot s) {
        return GuestKvps.all(s, VmSources.ANY).stream().map(k -> new Link(VmRefs.settings(k.vm()),
                VmRefs.instance(KvpSettingDataProvider.CLASS, GuestKvps.id(k)))).toList();
    }

    /** Antecedent = the Xen_ComputerSystem a snapshot was taken of, Dependent = the snapshot's VSSD. */
    private static List<Link> snapshotsOf(PoolSnapshot s) {
        List<Link> out = new ArrayList<>();
        for (VmRecord snap : VmSources.ofKind(s, VmKind.SNAPSHOT)) {
            s.vm(snap.snapshotOfUuid()).filter(VmSources.SYSTEMS)
                    .ifPresent(vm -> out.add(new Link(VmRefs.system(vm.uuid()), VmRefs.settings(snap))));
        }
        return out;
    }

    /** A system whose {@code parent} is one of its snapshots: the newest snapshot of its branch. */
    private static List<Link> mostCurrentSnapshots(PoolSnapshot s) {
        List<Link> out = new ArrayList<>();
        for (VmRecord vm : VmSources.vms(s, VmSources.SYSTEMS)) {
            s.vm(vm.parentUuid()).filter(p -> p.isASnapshot() && p.snapshotOfUuid().equals(vm.uuid()))
                    .ifPresent(p -> out.add(new Link(VmRefs.system(vm.uuid()), VmRefs.settings(p))));
        }
        return out;
    }
}
