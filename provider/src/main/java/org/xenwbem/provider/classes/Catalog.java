package org.xenwbem.provider.classes;

import java.util.ArrayList;
import java.util.List;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.vm.ComputerSystemProvider;
import org.xenwbem.provider.classes.host.HostComputerSystemProvider;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.classes.vm.VmProviders;

/**
 * Every class provider of the catalog, registered in one place. Families contribute their
 * providers through their own {@code *Providers.all(ProviderContext)} lists.
 */
public final class Catalog {
    private Catalog() {
    }

    /** The instance providers of root/cimv2. */
    public static List<InstanceProvider> providers(ProviderContext pc) {
        List<InstanceProvider> out = new ArrayList<>();
        out.add(new HostComputerSystemProvider(pc));
        out.add(new ComputerSystemProvider(pc));
        out.addAll(VmProviders.all(pc));
        out.addAll(PoolProviders.all(pc));
        return out;
    }

    /** The instance providers of root/interop (registered profiles, DSP1033). */
    public static List<InstanceProvider> interopProviders(ProviderContext pc) {
        return PoolProviders.interop(pc);
    }

    /** Registers the catalog's providers in root/cimv2 on a core builder whose namespace is declared. */
    public static CimOperations.Builder register(CimOperations.Builder b, ProviderContext pc) {
        for (InstanceProvider p : providers(pc)) {
            b.provider(ProviderContext.NAMESPACE, p);
        }
        return b;
    }
}
