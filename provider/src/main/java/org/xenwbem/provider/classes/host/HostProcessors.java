package org.xenwbem.provider.classes.host;

import java.util.Map;
import java.util.Optional;
import org.xenwbem.bridge.HostCpuRecord;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.classes.common.CimStates;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.classes.common.Values;
import org.xenwbem.provider.cimom.InstanceProvider;

/**
 * {@code Xen_HostProcessor}: one per {@code host_cpu} (anchor {@code Xen_HostProcessor.c}), DeviceID
 * {@code Xen:<host>/<host_cpu>}.
 */
public final class HostProcessors {
    static final long FAMILY_OTHER = 1;
    /** CIM_Processor.Family "Intel(R) Xeon(TM)". */
    static final long FAMILY_XEON = 179;

    private HostProcessors() {
    }

    public static InstanceProvider provider(ProviderContext pc) {
        return Mapped.of(pc, "Xen_HostProcessor", PoolSnapshot::hostCpus, HostProcessors::processor)
                .withLookup(HostProcessors::cpuByKeys);
    }

    private static Optional<HostCpuRecord> cpuByKeys(Map<String, Object> keys, PoolSnapshot s) {
        String cpu = Ids.devicePart(keys.get("DeviceID"));
        return s.hostCpus().stream().filter(c -> c.uuid().equals(cpu)).findFirst();
    }

    /** Anchor hostprocessor_set_properties; Family from the model name, else Other + the model name. */
    private static boolean processor(HostCpuRecord c, PoolSnapshot s, CimInstance.Builder b) {
        boolean enabled = s.host(c.hostUuid()).map(HostRecord::enabled).orElse(false);
        long family = c.modelname().contains("Xeon") ? FAMILY_XEON : FAMILY_OTHER;
        Paths.keyed(b, Paths.hostProcessor(c.hostUuid(), c.uuid()))
                .set("Caption", "Xen Host Processor")
                .set("Description", c.modelname())
                .set("ElementName", c.modelname())
                .set("Name", c.vendor())
                .set("CurrentClockSpeed", c.speed())
                .set("MaxClockSpeed", c.speed())
                .set("Family", family)
                .set("OtherFamilyDescription", family == FAMILY_OTHER ? c.modelname() : null)
                .set("Stepping", c.stepping())
                .set("UniqueID", c.uuid())
                .set("LoadPercentage", Values.percent(c.utilisation()))
                .set("Availability", enabled ? 3L : 8L)
                .set("CPUStatus", enabled ? 1L : 5L)
                .set("EnabledState", enabled ? CimStates.ENABLED : CimStates.DISABLED)
                .set("EnabledDefault", CimStates.ENABLED)
                .set("HealthState", CimStates.HEALTH_OK)
                .set("Status", "OK");
        return true;
    }
}
