package org.xenwbem.provider.eventing;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.MofCompiler;
import org.xenwbem.cim.mof.SchemaLoader;

/**
 * Test material: the bundled schema plus, while the bundled MOF lacks them, the indication and
 * listener classes (compiled here, never added to the resources); VM records and snapshots.
 */
final class EventingFixtures {
    private static final String BASE = "org/xenwbem/cim/mof/";
    private static final Map<String, String> EXTRA = Map.ofEntries(
            Map.entry("CIM_Indication", "#pragma include (\"dmtf/CIM_Indication.mof\")"),
            Map.entry("CIM_InstIndication", "#pragma include (\"dmtf/CIM_InstIndication.mof\")"),
            Map.entry("CIM_InstCreation", "#pragma include (\"dmtf/CIM_InstCreation.mof\")"),
            Map.entry("CIM_InstDeletion", "#pragma include (\"dmtf/CIM_InstDeletion.mof\")"),
            Map.entry("CIM_InstModification", "#pragma include (\"dmtf/CIM_InstModification.mof\")"),
            Map.entry("Xen_ComputerSystemCreation", "[Indication] class Xen_ComputerSystemCreation : CIM_InstCreation {};"),
            Map.entry("Xen_ComputerSystemDeletion", "[Indication] class Xen_ComputerSystemDeletion : CIM_InstDeletion {};"),
            Map.entry("Xen_ComputerSystemModification",
                    "[Indication] class Xen_ComputerSystemModification : CIM_InstModification {};"),
            Map.entry("CIM_IndicationFilter", """
                    class CIM_IndicationFilter : CIM_ManagedElement {
                      [Key] string SystemCreationClassName; [Key] string SystemName;
                      [Key] string CreationClassName; [Key] string Name;
                      string SourceNamespace; [Required] string Query; [Required] string QueryLanguage;
                    };"""),
            Map.entry("CIM_ListenerDestination", """
                    [Abstract] class CIM_ListenerDestination : CIM_ManagedElement {
                      [Key] string SystemCreationClassName; [Key] string SystemName;
                      [Key] string CreationClassName; [Key] string Name;
                      uint16 PersistenceType; uint16 Protocol; [Required] string Destination;
                    };"""),
            Map.entry("CIM_ListenerDestinationCIMXML", "class CIM_ListenerDestinationCIMXML : CIM_ListenerDestination {};"),
            Map.entry("CIM_IndicationSubscription", """
                    [Association] class CIM_IndicationSubscription {
                      [Key] CIM_ManagedElement REF Filter; [Key] CIM_ManagedElement REF Handler;
                      uint16 OnFatalErrorPolicy; uint16 SubscriptionState;
                    };"""));
    private static final List<String> ORDER = List.of("CIM_Indication", "CIM_InstIndication", "CIM_InstCreation",
            "CIM_InstDeletion", "CIM_InstModification", "Xen_ComputerSystemCreation", "Xen_ComputerSystemDeletion",
            "Xen_ComputerSystemModification", "CIM_IndicationFilter", "CIM_ListenerDestination",
            "CIM_ListenerDestinationCIMXML", "CIM_IndicationSubscription");
    private static ClassRepository schema;

    private EventingFixtures() {
    }

    static synchronized ClassRepository schema() {
        if (schema == null) {
            ClassRepository bundled = SchemaLoader.cimv2();
            StringBuilder mof = new StringBuilder("#pragma include (\"xenwbem.mof\")\n");
            for (String c : ORDER) {
                if (bundled.get(c) == null) {
                    mof.append(EXTRA.get(c)).append('\n');
                }
            }
            schema = MofCompiler.compile(mof.toString(), BASE + "eventing-test.mof");
        }
        return schema;
    }

    static IndicationSchema indications() {
        return new IndicationSchema(schema(), "host.example");
    }

    static VmRecord vm(String uuid, String name, PowerState p, long memory, long vcpus) {
        return vm(uuid, name, p, memory, vcpus, false);
    }

    static VmRecord vm(String uuid, String name, PowerState p, long memory, long vcpus, boolean template) {
        return new VmRecord(uuid, name, "", p, template, false, false, false, "", null, "", "", memory, memory, memory,
                memory, vcpus, vcpus, p == PowerState.Running ? 1 : -1, Map.of(), Map.of(), null, memory, 0, "hvm", 0,
                Map.of(), "destroy", "restart", "restart", "BIOS order", Map.of(), 1.0, "", "", "", "", "", "", Map.of(),
                List.of(), Map.of(), Map.of(), List.of(), "", List.of(), List.of(), List.of(), List.of(), List.of(), "", "");
    }

    static VmRecord withMemory(VmRecord v, long staticMax, long dynamicMax) {
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
    static PoolSnapshot snapshot(long generation, VmRecord... vms) {
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
    static CimInstance toInstance(VmRecord vm) {
        long state = switch (vm.powerState()) {
            case Running -> 2L;
            case Halted -> 3L;
            case Paused -> 9L;
            case Suspended -> 6L;
        };
        return CimInstance.builder(schema().get("Xen_ComputerSystem")).namespace("root/cimv2")
                .set("CreationClassName", "Xen_ComputerSystem").set("Name", vm.uuid())
                .set("ElementName", vm.nameLabel()).set("EnabledState", state).build();
    }
}
