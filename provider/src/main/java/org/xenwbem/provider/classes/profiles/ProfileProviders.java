package org.xenwbem.provider.classes.profiles;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.classes.storage.StorageIds;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.Link;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.Paths;

/**
 * Registered profiles (anchor {@code Xen_RegisteredProfiles.c}: InstanceIDs, names, DMTF, version
 * 1.0.0, advertised by SLP), how they reference each other, and the elements conforming to them.
 * The anchor served them in root/cimv2 only; we serve the same set in root/cimv2 and root/interop
 * (DSP1033), the profiles' references pointing into their own namespace and the conforming elements
 * always into root/cimv2.
 */
public final class ProfileProviders {
    public static final String SYSTEM_VIRTUALIZATION = "Xen_RegisteredSystemVirtualizationProfile";
    static final String VIRTUAL_SYSTEM = "Xen_RegisteredVirtualSystemProfile";
    static final String GENERIC_DEVICE = "Xen_RegisteredGenericDeviceAllocationProfile";
    static final String MEMORY = "Xen_RegisteredMemoryAllocationProfile";
    static final String PROCESSOR = "Xen_RegisteredProcessorAllocationProfile";
    static final String STORAGE = "Xen_RegisteredStorageVirtualizationProfile";
    static final String ETHERNET = "Xen_RegisteredEthernetPortVirtualizationProfile";

    /** One registered profile: its class, InstanceID and RegisteredName, as the anchor. */
    public record Profile(String cls, String instanceId, String registeredName) {
        public CimObjectPath path(String ns) {
            return Paths.byInstanceId(cls, instanceId).withNamespace(ns);
        }
    }

    static final List<Profile> PROFILES = List.of(
            new Profile(SYSTEM_VIRTUALIZATION, Ids.system("SystemVirtualizationProfile"), "System Virtualization"),
            new Profile(VIRTUAL_SYSTEM, Ids.system("VirtualSystemProfile"), "Virtual System Profile"),
            new Profile(GENERIC_DEVICE, Ids.system("GenericDeviceAllocationProfile"),
                    "Generic Device Allocation Profile"),
            new Profile(MEMORY, Ids.system("MemoryAllocationProfile"), "Memory Allocation Profile"),
            new Profile(PROCESSOR, Ids.system("ProcessorAllocationProfile"), "Processor Allocation Profile"),
            new Profile(STORAGE, Ids.system("StorageResourceVirtualizationProfile"),
                    "Storage Resource Virtualization Profile"),
            new Profile(ETHERNET, Ids.system("EthernetPortResourceVirtualizationProfile"),
                    "Ethernet Port Resource Virtualization Profile"));

    private ProfileProviders() {
    }

    public static Profile profile(String cls) {
        return PROFILES.stream().filter(p -> p.cls().equals(cls)).findFirst().orElseThrow();
    }

    /** The profiles and their associations, served in {@code ns}. */
    public static List<InstanceProvider> in(ProviderContext pc, String ns) {
        List<InstanceProvider> out = new ArrayList<>();
        for (Profile p : PROFILES) {
            out.add(Mapped.of(pc, p.cls(), s -> List.of(p), (x, s, b) -> {
                b.set("InstanceID", x.instanceId()).set("RegisteredName", x.registeredName())
                        .set("ElementName", x.registeredName())
                        .set("RegisteredOrganization", 2L).set("RegisteredVersion", "1.0.0")
                        .set("AdvertiseTypes", List.of(3L));
                return true;
            }).in(ns));
        }
        for (String dependent : List.of(ETHERNET, GENERIC_DEVICE, MEMORY, PROCESSOR, STORAGE)) {
            String cls = "Xen_Referenced" + dependent.substring("Xen_Registered".length());
            out.add(Link.dependency(pc, cls, s -> List.of(new Link.Pair(profile(SYSTEM_VIRTUALIZATION).path(ns),
                    profile(dependent).path(ns)))).in(ns));
        }
        out.addAll(conformance(pc, ns));
        return out;
    }

    private static List<InstanceProvider> conformance(ProviderContext pc, String ns) {
        return List.of(
                conforms(pc, ns, "Xen_ElementConformsToSystemVirtualizationProfile", SYSTEM_VIRTUALIZATION,
                        s -> s.hosts().stream().map(h -> Paths.host(h.uuid())).toList()),
                conforms(pc, ns, "Xen_ElementConformsToVirtualSystemProfile", VIRTUAL_SYSTEM,
                        s -> Paths.systems(s).stream().filter(v -> !v.isControlDomain()).map(v -> Paths.vm(v.uuid()))
                                .toList()),
                conforms(pc, ns, "Xen_ElementConformsToStorageVirtualizationProfile", STORAGE,
                        s -> s.hosts().stream().map(h -> Paths.host(h.uuid())).toList()),
                conforms(pc, ns, "Xen_ElementConformsToEthernetPortVirtualizationProfile", ETHERNET,
                        s -> s.networks().stream().map(n -> Paths.virtualSwitch(n.uuid())).toList()),
                conforms(pc, ns, "Xen_ResourcePoolConformsToEthernetPortVirtualizationProfile", ETHERNET,
                        s -> s.networks().stream().map(n -> Paths.networkPool(n, s)).toList()),
                conforms(pc, ns, "Xen_ResourcePoolConformsToMemoryAllocationProfile", MEMORY,
                        s -> s.hosts().stream().map(h -> Paths.memoryPool(h.uuid())).toList()),
                conforms(pc, ns, "Xen_ResourcePoolConformsToProcessorAllocationProfile", PROCESSOR,
                        s -> s.hosts().stream().map(h -> Paths.processorPool(h.uuid())).toList()),
                conforms(pc, ns, "Xen_ResourcePoolConformsToStorageVirtualizationProfile", STORAGE,
                        s -> s.srs().stream().map(sr -> StorageIds.storagePool(sr, s)).toList()));
    }

    private static Link conforms(ProviderContext pc, String ns, String cls, String profileClass,
                                 Function<PoolSnapshot, List<CimObjectPath>> elements) {
        return Link.of(pc, cls, "ConformantStandard", "ManagedElement",
                s -> elements.apply(s).stream().map(e -> new Link.Pair(profile(profileClass).path(ns), e)).toList())
                .in(ns);
    }
}
