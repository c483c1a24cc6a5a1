package org.xenwbem.provider.classes.pool;

import java.util.List;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.CimStates;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.classes.common.Values;

/**
 * The capabilities of virtual systems (anchor {@code Xen_Capabilities.h},
 * {@code Xen_VirtualizationCapabilities.c}): {@code Xen_ComputerSystemCapabilities}, one per VM that is a
 * system with {@code InstanceID} = the VM uuid, and the four fixed {@code Xen_VirtualizationCapabilities}.
 */
public final class VirtualSystemCapabilities {
    static final String VM_CAPS = "Xen_ComputerSystemCapabilities";
    static final String VIRT_CAPS = "Xen_VirtualizationCapabilities";

    /** One of the four fixed virtualization capabilities: resource type, shared, mutable. */
    record Virtualization(String resourceType, boolean shared, boolean mutable) {
        String instanceId() {
            return "Xen_" + resourceType + "VirtualizationCapability";
        }
    }

    static final List<Virtualization> VIRTUALIZATION = List.of(new Virtualization("Processor", true, false),
            new Virtualization("Memory", false, true), new Virtualization("Disk", true, false),
            new Virtualization("NetworkPort", false, false));

    private VirtualSystemCapabilities() {
    }

    public static List<InstanceProvider> all(ProviderContext pc) {
        return List.of(
                Mapped.of(pc, VM_CAPS, Paths::systems, VirtualSystemCapabilities::vmCaps)
                        .withLookup((k, s) -> s.vm(Values.text(k, "InstanceID")).filter(v -> !v.isATemplate() && !v.isASnapshot())),
                Mapped.of(pc, VIRT_CAPS, s -> VIRTUALIZATION, (v, s, b) -> {
                    b.set("InstanceID", v.instanceId()).set("ElementName", v.instanceId())
                            .set("ResourceType", v.resourceType()).set("Shared", v.shared()).set("Mutable", v.mutable());
                    return true;
                }));
    }

    /** A VM's: the RequestStateChange values Xen_ComputerSystem accepts (anchor §5.2). */
    private static boolean vmCaps(VmRecord vm, PoolSnapshot s, CimInstance.Builder b) {
        b.set("InstanceID", vm.uuid()).set("ElementName", vm.nameLabel())
                .set("Caption", "Xen Computer System Capabilities")
                .set("ElementNameEditSupported", !vm.isControlDomain())
                .set("RequestedStatesSupported", vm.isControlDomain() ? List.of()
                        : List.of(CimStates.ENABLED, CimStates.DISABLED, CimStates.SHUT_DOWN,
                        CimStates.ENABLED_BUT_OFFLINE, CimStates.QUIESCE, CimStates.REBOOT, CimStates.RESET,
                        CimStates.HARD_SHUTDOWN, CimStates.HARD_REBOOT));
        return true;
    }
}
