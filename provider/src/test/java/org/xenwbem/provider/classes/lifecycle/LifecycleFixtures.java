package org.xenwbem.provider.classes.lifecycle;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.provider.cimom.indications.IndicationFixtures;
import org.xenwbem.provider.cimom.indications.IndicationSchema;

/** Test material: the bundled schema (with its indication and subscription classes), VM records and snapshots. */
public final class LifecycleFixtures {
    private LifecycleFixtures() {
    }

    public static ClassRepository schema() {
        return IndicationFixtures.schema();
    }

    public static IndicationSchema indications() {
        return IndicationFixtures.indications();
    }

    public static VmRecord vm(String uuid, String name, PowerState p, long memory, long vcpus) {
        return vm(uuid, name, p, memory, vcpus, false);
    }

    public static VmRecord vm(String uuid, String name, PowerState p, long memory, long vcpus, boolean template) {
        return new VmRecord(uuid, name, "", p, template, false, false, false, "", null, "", "", memory, memory, memory,
                memory, vcpus, vcpus, p == PowerState.Running ? 1 : -1, Map.of(), Map.of(), null, memory, 0, "hvm", 0,
                Map.of(), "destroy", "restart", "restart", "BIOS order", Map.of(), 1.0, "", "", "", "", "", "", Map.of(),
                List.of(), Map.of(), Map.of(), List.of(), "", List.of(), List.of(), List.of(), List.of(), List.of(), "", "");
    }

    public static VmRecord withMemory(VmRecord v, long staticMax, long dynamicMax) {
        return new VmRecord(v.uuid(), v.nameLabel(), v.nameDescription(), v.powerState(), v.isATemplate(),
                v.isDefaultTemplate(), v.isControlDomain(), v.isASnapshot(), v.snapshotOfUuid(), v.snapshotTime(),
                v.residentOnHostUuid(), v.affinityHostUuid(), v.memoryStaticMin(), staticMax, v.memoryDynamicMin(),
                dynamicMax, v.vcpusMax(), v.vcpusAtStartup(), v.domid(), v.otherConfig(), v.platform(), v.metrics(),
                v.memoryTarget(), v.userVersion(), v.domainType(), v.hardwarePlatformVersion(), v.vcpusParams(),
                v.actionsAfterShutdown(), v.actionsAfterReboot(), v.actionsAfterCrash(), v.hvmBootPolicy(),
                v.hvmBootParams(), v.hvmShadowMultiplier(), v.pvBootloader(), v.pvBootloaderArgs(), v.pvKernel(),
                v.pvRamdisk(), v.pvArgs(), v.pvLegacyArgs(), v.xenstoreData(), v.allowedOperations(),
                v.currentOperations(), v.blockedOperations(), v.tags(), v.parentUuid(), v.childrenUuids(),
                v.snapshotUuids(), v.vbdUuids(), v.vifUuids(), v.consoleUuids(), v.suspendVdiUuid(),
                v.guestMetricsUuid());
    }

    /** A snapshot answering generation() and vms() only. */
    public static PoolSnapshot snapshot(long generation, VmRecord... vms) {
        List<VmRecord> list = new ArrayList<>(List.of(vms));
        return (PoolSnapshot) Proxy.newProxyInstance(PoolSnapshot.class.getClassLoader(),
                new Class<?>[] {PoolSnapshot.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "generation" -> generation;
                    case "vms" -> list;
                    case "toString" -> "snapshot " + generation;
                    case "hashCode" -> (int) generation;
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** A small Xen_ComputerSystem mapping (the real one is ComputerSystemProvider's). */
    public static CimInstance toInstance(VmRecord vm) {
        long state = switch (vm.powerState()) {
            case Running -> 2L;
            case Halted -> 3L;
            case Paused -> 9L;
            case Suspended -> 6L;
        };
        return IndicationFixtures.system(vm.uuid(), vm.nameLabel(), state);
    }
}
