package org.xenwbem.provider.classes.vm;

import java.util.ArrayList;
import java.util.List;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.ProviderContext;

/**
 * The VM side of the catalog: settings (VSSD, template, snapshot), RASDs, VM devices and the
 * associations among them and {@code Xen_ComputerSystem}.
 */
public final class VmProviders {
    private VmProviders() {
    }

    public static List<InstanceProvider> all(ProviderContext pc) {
        List<InstanceProvider> out = new ArrayList<>();
        for (VmKind kind : VmKind.values()) {
            out.add(new VirtualSystemSettingDataProvider(pc, kind));
        }
        out.add(new ProcessorSettingDataProvider(pc));
        out.add(new MemorySettingDataProvider(pc));
        out.add(new DiskSettingDataProvider(pc));
        out.add(new NetworkPortSettingDataProvider(pc));
        out.add(new ConsoleSettingDataProvider(pc));
        out.add(new KvpSettingDataProvider(pc));
        out.add(new VmProcessorProvider(pc));
        out.add(new VmMemoryProvider(pc));
        out.add(VmDiskProvider.disks(pc));
        out.add(VmDiskProvider.drives(pc));
        out.add(new VmNetworkPortProvider(pc));
        out.add(new VmConsoleProvider(pc));
        out.add(new VmKvpProvider(pc));
        out.addAll(VmDeviceLinks.all(pc));
        out.addAll(VmSettingLinks.all(pc));
        return out;
    }
}
