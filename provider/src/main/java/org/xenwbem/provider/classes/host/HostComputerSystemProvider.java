package org.xenwbem.provider.classes.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimDateTime;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.classes.common.CimStates;
import org.xenwbem.provider.classes.common.ProviderContext;

/** {@code Xen_HostComputerSystem}: one instance per pool member, keyed by host uuid. */
public final class HostComputerSystemProvider implements InstanceProvider {
    public static final String CLASS = "Xen_HostComputerSystem";
    public static final String CAPTION = "XenServer Host";

    private final ProviderContext ctx;

    public HostComputerSystemProvider(ProviderContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String className() {
        return CLASS;
    }

    @Override
    public List<CimInstance> enumerate(RequestContext rc) {
        PoolSnapshot s = ctx.pool().get();
        String self = ctx.thisHost(s);
        List<CimInstance> out = new ArrayList<>();
        for (HostRecord h : s.hosts()) {
            out.add(toInstance(h, self));
        }
        return out;
    }

    @Override
    public Optional<CimInstance> get(RequestContext rc, Map<String, Object> keys) {
        if (!CLASS.equalsIgnoreCase(String.valueOf(keys.get("CreationClassName")))) {
            return Optional.empty();
        }
        PoolSnapshot s = ctx.pool().get();
        return s.host(String.valueOf(keys.get("Name"))).map(h -> toInstance(h, ctx.thisHost(s)));
    }

    CimInstance toInstance(HostRecord h, String selfUuid) {
        Map<String, String> sv = h.softwareVersion();
        boolean maintenance = "true".equalsIgnoreCase(h.otherConfig().get("MAINTENANCE_MODE"));
        CimInstance.Builder b = CimInstance.builder(ctx.cimClass(CLASS)).namespace(ProviderContext.NAMESPACE)
                .set("CreationClassName", CLASS)
                .set("Name", h.uuid())
                .set("NameFormat", "Other")
                .set("Caption", CAPTION)
                .set("Description", h.nameDescription())
                .set("ElementName", h.nameLabel())
                .set("EnabledState", h.enabled() ? CimStates.ENABLED : CimStates.ENABLED_BUT_OFFLINE)
                .set("RequestedState", CimStates.REQUESTED_NOT_APPLICABLE)
                .set("EnabledDefault", CimStates.ENABLED)
                .set("OperationalStatus", List.of(h.enabled() && h.live() ? CimStates.OP_OK : CimStates.OP_STOPPED))
                .set("HealthState", CimStates.HEALTH_OK)
                .set("AvailableRequestedStates", List.of(h.enabled() ? CimStates.DISABLED : CimStates.ENABLED,
                        CimStates.REBOOT, CimStates.SHUT_DOWN))
                .set("OtherIdentifyingInfo", List.of(h.address(), sv.getOrDefault("product_brand", ""),
                        sv.getOrDefault("product_version", ""), sv.getOrDefault("build_number", "")))
                .set("IdentifyingDescriptions", List.of("IPv4Address", "ProductBrand", "ProductVersion", "BuildNumber"))
                .set("CN", cnOf(h, selfUuid))
                .set("OtherConfig", keyValues(h.otherConfig()))
                .set("TimeOffset", 0L);
        if (maintenance) {
            b.set("OtherEnabledState", "Maintenance Mode");
        }
        if (h.bootTime() != null) {
            b.set("StartTime", CimDateTime.of(h.bootTime()));
        }
        return b.build();
    }

    /**
     * This host's CN is the CN of the certificate this daemon serves. Another member's CN is what
     * that member published in {@code other_config:host_cn} (as the anchor did), else its address.
     */
    private String cnOf(HostRecord h, String selfUuid) {
        if (h.uuid().equals(selfUuid)) {
            return ctx.certificateCn();
        }
        String published = h.otherConfig().get("host_cn");
        return published != null && !published.isEmpty() ? published : h.address();
    }

    /** XenAPI maps as the anchor's {@code key=value} string arrays, sorted by key. */
    public static List<String> keyValues(Map<String, String> map) {
        List<String> out = new ArrayList<>();
        new TreeMap<>(map).forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }
}
