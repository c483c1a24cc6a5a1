package org.xenwbem.provider.classes;

import java.util.ArrayList;
import java.util.List;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.pool.AllocationLinks;
import org.xenwbem.provider.classes.pool.AllocationCapabilities;
import org.xenwbem.provider.classes.pool.ElementCapabilities;
import org.xenwbem.provider.classes.pool.HostPool;
import org.xenwbem.provider.classes.pool.ManagementServices;
import org.xenwbem.provider.classes.pool.ServiceCapabilities;
import org.xenwbem.provider.classes.pool.VirtualSystemCapabilities;
import org.xenwbem.provider.classes.host.HostMemory;
import org.xenwbem.provider.classes.host.HostNetworkPorts;
import org.xenwbem.provider.classes.host.HostProcessors;
import org.xenwbem.provider.classes.pool.HostLinks;
import org.xenwbem.provider.classes.jobs.JobProviders;
import org.xenwbem.provider.classes.metrics.MetricProviders;
import org.xenwbem.provider.classes.profiles.ProfileProviders;
import org.xenwbem.provider.classes.host.HostResourcePools;
import org.xenwbem.provider.classes.network.NetworkPools;
import org.xenwbem.provider.classes.storage.StorageProviders;
import org.xenwbem.provider.classes.vm.MemoryStates;
import org.xenwbem.provider.classes.network.SwitchPortLinks;
import org.xenwbem.provider.classes.network.SwitchPorts;
import org.xenwbem.provider.classes.network.VirtualSwitches;

/** The registry of the host/pool family: every provider it contributes, per namespace. */
public final class PoolProviders {
    /** The DSP1033 interop namespace, where the registered profiles are also served. */
    public static final String INTEROP = "root/interop";

    private PoolProviders() {
    }

    /** The providers of root/cimv2: instances, then associations. */
    public static List<InstanceProvider> all(ProviderContext pc) {
        List<InstanceProvider> out = new ArrayList<>();
        out.add(HostPool.provider(pc));
        out.addAll(ManagementServices.all(pc));
        out.addAll(ServiceCapabilities.all(pc));
        out.addAll(VirtualSystemCapabilities.all(pc));
        out.add(HostProcessors.provider(pc));
        out.add(HostMemory.provider(pc));
        out.addAll(HostNetworkPorts.all(pc));
        out.addAll(StorageProviders.instances(pc));
        out.add(MemoryStates.provider(pc));
        out.add(NetworkPools.provider(pc));
        out.addAll(HostResourcePools.all(pc));
        out.addAll(AllocationCapabilities.all(pc));
        out.addAll(VirtualSwitches.all(pc));
        out.addAll(SwitchPorts.all(pc));
        out.addAll(JobProviders.all(pc));
        out.addAll(MetricProviders.all(pc));
        out.addAll(ProfileProviders.in(pc, ProviderContext.NAMESPACE));
        out.addAll(HostLinks.all(pc));
        out.addAll(ElementCapabilities.all(pc));
        out.addAll(AllocationCapabilities.rangeLinks(pc));
        out.addAll(AllocationLinks.all(pc));
        out.addAll(SwitchPortLinks.all(pc));
        out.addAll(StorageProviders.links(pc));
        out.addAll(MetricProviders.links(pc));
        return out;
    }

    /** The providers of root/interop: the registered profiles and their associations. */
    public static List<InstanceProvider> interop(ProviderContext pc) {
        return ProfileProviders.in(pc, INTEROP);
    }
}
