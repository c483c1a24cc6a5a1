package org.xenwbem.provider.classes.vm;

import java.util.Collection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VmGuestMetricsRecord;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.CimDateTime;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.classes.host.HostComputerSystemProvider;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.MemoizedProvider;
import org.xenwbem.provider.classes.common.ProviderContext;

/**
 * The VSSD family (anchor §4.2, xs-cim {@code vssd_from_vm_rec}): {@code Xen_ComputerSystemSettingData}
 * for every {@code Xen_ComputerSystem} (VMs and dom0s), {@code Xen_ComputerSystemTemplate} per template,
 * {@code Xen_ComputerSystemSnapshot} per snapshot; InstanceID {@code Xen:<vm uuid>}. One provider per
 * class, told which kind it serves.
 */
public final class VirtualSystemSettingDataProvider extends MemoizedProvider<VmRecord> {
    static final String HVM = "DMTF:xen:HVM";
    static final String PV = "DMTF:xen:PV";

    private final VmKind kind;

    VirtualSystemSettingDataProvider(ProviderContext ctx, VmKind kind) {
        super(ctx, kind.cimClass());
        this.kind = kind;
    }

    @Override
    protected Collection<VmRecord> records(PoolSnapshot s) {
        return VmSources.ofKind(s, kind);
    }

    @Override
    protected boolean hasLookup() {
        return true;
    }

    @Override
    protected Optional<VmRecord> lookup(Map<String, Object> keys, PoolSnapshot s) {
        String id = VmRefs.key(keys, "InstanceID");
        return VmSources.vm(s, id, vm -> VmKind.of(vm) == kind && Ids.system(vm.uuid()).equals(id));
    }

    @Override
    protected String memoKey(VmRecord vm) {
        return Ids.system(vm.uuid());
    }

    /** The VM, its guest metrics, and the VMs its Parent, Children and SnapshotOf name. */
    @Override
    protected Object[] inputs(VmRecord vm, PoolSnapshot s) {
        List<Object> in = new ArrayList<>();
        in.add(vm);
        in.add(s.guestMetrics(vm.uuid()).orElse(null));
        in.add(s.vm(vm.parentUuid()).orElse(null));
        in.add(s.vm(vm.snapshotOfUuid()).orElse(null));
        vm.childrenUuids().forEach(c -> in.add(s.vm(c).orElse(null)));
        return in.toArray();
    }

    @Override
    protected CimInstance build(VmRecord vm, PoolSnapshot s) {
        CimInstance.Builder b = instance()
                .set("InstanceID", Ids.system(vm.uuid()))
                .set("Caption", kind.caption())
                .set("Description", vm.nameDescription())
                .set("ElementName", vm.nameLabel())
                .set("VirtualSystemIdentifier", vm.uuid())
                .set("VirtualSystemType", vm.isPv() ? PV : HVM)
                .set("Other_Config", HostComputerSystemProvider.keyValues(vm.otherConfig()))
                .set("Tags", vm.tags())
                .set("Platform", HostComputerSystemProvider.keyValues(vm.platform()))
                .set("AutomaticShutdownAction", VmActions.shutdown(vm.actionsAfterShutdown()))
                .set("AutomaticStartupAction", VmActions.startup(vm.actionsAfterReboot()))
                .set("AutomaticRecoveryAction", VmActions.recovery(vm.actionsAfterCrash()));
        if (vm.installTime() != null) {
            b.set("CreationTime", CimDateTime.of(vm.installTime()));
        }
        boot(b, vm);
        family(b, vm, s);
        if (kind == VmKind.SETTINGS) {
            active(b, vm);
        } else if (kind == VmKind.SNAPSHOT) {
            snapshot(b, vm, s);
        }
        if (kind != VmKind.TEMPLATE) {
            s.guestMetrics(vm.uuid()).ifPresent(g -> guest(b, g));
        }
        return b.build();
    }

    /** HVM_* for HVM guests, the non-empty PV_* for PV guests (as the anchor). */
    private static void boot(CimInstance.Builder b, VmRecord vm) {
        if (!vm.isPv()) {
            b.set("HVM_Boot_Params", HostComputerSystemProvider.keyValues(vm.hvmBootParams()));
            setIfPresent(b, "HVM_Boot_Policy", vm.hvmBootPolicy());
            if (vm.hvmShadowMultiplier() != 0) {
                b.set("HVM_ShadowMultiplier", vm.hvmShadowMultiplier());
            }
            return;
        }
        setIfPresent(b, "PV_Kernel", vm.pvKernel());
        setIfPresent(b, "PV_RAMDisk", vm.pvRamdisk());
        setIfPresent(b, "PV_Args", vm.pvArgs());
        setIfPresent(b, "PV_Legacy_Args", vm.pvLegacyArgs());
        setIfPresent(b, "PV_Bootloader", vm.pvBootloader());
        setIfPresent(b, "PV_Bootloader_Args", vm.pvBootloaderArgs());
    }

    /** Parent and Children as WBEM URIs of the related VM, template or snapshot. */
    private static void family(CimInstance.Builder b, VmRecord vm, PoolSnapshot s) {
        s.vm(vm.parentUuid()).ifPresent(p -> b.set("Parent", VmRefs.wbemUri(settingsOrSystem(p))));
        List<String> children = new ArrayList<>();
        for (String c : vm.childrenUuids()) {
            s.vm(c).ifPresent(child -> children.add(VmRefs.wbemUri(settingsOrSystem(child))));
        }
        if (!children.isEmpty()) {
            b.set("Children", children);
        }
    }

    /** The anchor names a VM by its Xen_ComputerSystem path, templates and snapshots by their VSSD. */
    private static CimObjectPath settingsOrSystem(VmRecord vm) {
        return VmKind.of(vm) == VmKind.SETTINGS ? VmRefs.system(vm.uuid()) : VmRefs.settings(vm);
    }

    private static void active(CimInstance.Builder b, VmRecord vm) {
        setIfPresent(b, "Host", vm.residentOnHostUuid());
        setIfPresent(b, "HostAffinity", vm.affinityHostUuid());
        if (!vm.xenstoreData().isEmpty()) {
            b.set("Xenstore_Data", HostComputerSystemProvider.keyValues(vm.xenstoreData()));
        }
        if (vm.startTime() != null) {
            b.set("StartTime", CimDateTime.of(vm.startTime()));
        }
        b.set("Xen_Tools_AreRunning", vm.allowedOperations().contains("clean_shutdown"));
    }

    private static void snapshot(CimInstance.Builder b, VmRecord vm, PoolSnapshot s) {
        s.vm(vm.snapshotOfUuid()).ifPresent(of -> b.set("SnapshotOf", VmRefs.wbemUri(VmRefs.system(of.uuid()))));
        if (vm.snapshotTime() != null) {
            b.set("SnapshotTime", CimDateTime.of(vm.snapshotTime()));
        }
    }

    private static void guest(CimInstance.Builder b, VmGuestMetricsRecord g) {
        b.set("PV_Drivers_Version", HostComputerSystemProvider.keyValues(g.pvDriversVersion()))
                .set("OS_Version", HostComputerSystemProvider.keyValues(g.osVersion()))
                .set("PV_Drivers_UpToDate", g.pvDriversUpToDate());
    }

    private static void setIfPresent(CimInstance.Builder b, String property, String value) {
        if (value != null && !value.isEmpty()) {
            b.set(property, value);
        }
    }
}
