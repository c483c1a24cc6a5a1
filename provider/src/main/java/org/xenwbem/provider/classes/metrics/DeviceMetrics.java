package org.xenwbem.provider.classes.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.BiFunction;
import org.xenwbem.bridge.PifRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VbdRecord;
import org.xenwbem.bridge.VifRecord;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.bridge.perf.PerfSnapshot;
import org.xenwbem.bridge.perf.PerfValues;
import org.xenwbem.cim.CimDateTime;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.host.HostNetworkPorts;
import org.xenwbem.provider.classes.common.Link;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.Paths;

/**
 * Disk and NIC metric values (anchor §4.4; {@code Xen_Disk.c}, {@code Xen_NetworkPort.c},
 * {@code Xen_HostNetworkPort.c}) from the RRD sampler's {@link PerfSnapshot}, never from a XenAPI call:
 * one instance per disk VBD, VIF or visible PIF whose data source the owner's host reported
 * ({@code vbd_<device>_read}, …). InstanceID is the device's ({@code Xen:<vm>/<vbd>},
 * {@code Xen:<vm>/<vif>}, {@code Xen:<host>/<pif>}); MetricValue the anchor's {@code "%f"};
 * TimeStamp the time of the RRD row. Associated to their devices (MetricForME) and definitions
 * (MetricInstance).
 */
public final class DeviceMetrics {
    /** One value class: its data-source suffix and the element kind it measures. */
    public enum Kind {
        DISK_READ("Xen_DiskReadThroughput", "_read"),
        DISK_WRITE("Xen_DiskWriteThroughput", "_write"),
        DISK_READ_LATENCY("Xen_DiskReadLatency", "_read_latency"),
        DISK_WRITE_LATENCY("Xen_DiskWriteLatency", "_write_latency"),
        NIC_RX("Xen_NetworkPortReceiveThroughput", "_rx"),
        NIC_TX("Xen_NetworkPortTransmitThroughput", "_tx"),
        HOST_NIC_RX("Xen_HostNetworkPortReceiveThroughput", "_rx"),
        HOST_NIC_TX("Xen_HostNetworkPortTransmitThroughput", "_tx");

        public final String valueClass;
        final String suffix;

        Kind(String valueClass, String suffix) {
            this.valueClass = valueClass;
            this.suffix = suffix;
        }

        boolean disk() {
            return valueClass.startsWith("Xen_Disk");
        }

        boolean hostNic() {
            return valueClass.startsWith("Xen_HostNetwork");
        }
    }

    /**
     * One value: the measured element's path, the value's InstanceID, ElementName, MeasuredElementName,
     * data source (the Description), the value and the values it came from.
     */
    record Value(Kind kind, CimObjectPath element, String instanceId, String elementName, String measured,
                 String dataSource, double value, PerfValues from) {
        CimObjectPath path() {
            return Paths.byInstanceId(kind.valueClass, instanceId);
        }
    }

    private DeviceMetrics() {
    }

    static List<InstanceProvider> all(ProviderContext pc) {
        List<InstanceProvider> out = new ArrayList<>();
        for (Kind k : Kind.values()) {
            out.add(Mapped.of(pc, k.valueClass, s -> values(pc, s, k), DeviceMetrics::fill).readingPerf());
        }
        return out;
    }

    static List<InstanceProvider> links(ProviderContext pc) {
        List<Kind> disks = List.of(Kind.DISK_READ, Kind.DISK_WRITE, Kind.DISK_READ_LATENCY, Kind.DISK_WRITE_LATENCY);
        List<Kind> nics = List.of(Kind.NIC_RX, Kind.NIC_TX);
        List<Kind> hostNics = List.of(Kind.HOST_NIC_RX, Kind.HOST_NIC_TX);
        List<Kind> allNics = List.of(Kind.NIC_RX, Kind.NIC_TX, Kind.HOST_NIC_RX, Kind.HOST_NIC_TX);
        return List.of(
                Link.dependency(pc, "Xen_MetricForDisk", s -> pairs(pc, s, disks, (v, d) -> v.element())).readingPerf(),
                Link.dependency(pc, "Xen_MetricInstanceForDisk", s -> pairs(pc, s, disks, DeviceMetrics::def))
                        .readingPerf(),
                Link.dependency(pc, "Xen_MetricForNetworkPort", s -> pairs(pc, s, nics, (v, d) -> v.element()))
                        .readingPerf(),
                Link.dependency(pc, "Xen_MetricForHostNetworkPort", s -> pairs(pc, s, hostNics, (v, d) -> v.element()))
                        .readingPerf(),
                Link.dependency(pc, "Xen_MetricInstanceForNetworkPort",
                        s -> pairs(pc, s, allNics, DeviceMetrics::def)).readingPerf());
    }

    private static CimObjectPath def(Value v, Kind k) {
        return MetricDefinitions.def(k.valueClass).path();
    }

    private static List<Link.Pair> pairs(ProviderContext pc, PoolSnapshot s, List<Kind> kinds,
                                         BiFunction<Value, Kind, CimObjectPath> antecedent) {
        List<Link.Pair> out = new ArrayList<>();
        for (Kind k : kinds) {
            values(pc, s, k).forEach(v -> out.add(new Link.Pair(antecedent.apply(v, k), v.path())));
        }
        return out;
    }

    /** The values of one class, in the order of the devices in the snapshot. */
    static List<Value> values(ProviderContext pc, PoolSnapshot s, Kind k) {
        PerfSnapshot perf = pc.perf().get();
        List<Value> out = new ArrayList<>();
        if (k.hostNic()) {
            for (PifRecord p : HostNetworkPorts.visiblePifs(s)) {
                perf.host(p.hostUuid()).ifPresent(v -> add(out, k, v, "pif_" + p.device() + k.suffix,
                        Paths.hostNetworkPort(p.hostUuid(), p.uuid()), Ids.device(p.hostUuid(), p.uuid()), p.hostUuid(),
                        s.host(p.hostUuid()).map(h -> h.nameLabel()).orElse("")));
            }
            return out;
        }
        for (VmRecord vm : Paths.systems(s)) {
            PerfValues v = perf.vm(vm.uuid()).orElse(null);
            if (v == null) {
                continue;
            }
            if (k.disk()) {
                for (VbdRecord vbd : s.vbdsOf(vm.uuid())) {
                    if (vbd.type() == VbdRecord.Type.Disk && !vbd.device().isEmpty()) {
                        add(out, k, v, "vbd_" + vbd.device() + k.suffix, Paths.vmDisk(vbd),
                                Ids.device(vm.uuid(), vbd.uuid()), vbd.device(), vm.nameLabel());
                    }
                }
            } else {
                for (VifRecord vif : s.vifsOf(vm.uuid())) {
                    add(out, k, v, "vif_" + vif.device() + k.suffix, Paths.vmDevice("Xen_NetworkPort", vm.uuid(),
                            vif.uuid()), Ids.device(vm.uuid(), vif.uuid()), vif.device(), vm.nameLabel());
                }
            }
        }
        return out;
    }

    private static void add(List<Value> out, Kind k, PerfValues from, String dataSource, CimObjectPath element,
                            String instanceId, String elementName, String measured) {
        OptionalDouble d = from.value(dataSource);
        if (d.isPresent()) {
            out.add(new Value(k, element, instanceId, elementName, measured, dataSource, d.getAsDouble(), from));
        }
    }

    private static String caption(Kind k) {
        return k.disk() ? "Xen Virtual Disk Metrics"
                : k.hostNic() ? "Xen Host Network Port metrics" : "Xen Virtual Network Port metrics";
    }

    private static boolean fill(Value v, PoolSnapshot s, org.xenwbem.cim.CimInstance.Builder b) {
        b.set("InstanceID", v.instanceId())
                .set("MetricDefinitionId", v.kind().valueClass + "Def")
                .set("Caption", caption(v.kind()))
                .set("ElementName", v.elementName())
                .set("MeasuredElementName", v.measured())
                .set("Description", v.dataSource())
                .set("MetricValue", String.format(Locale.ROOT, "%f", v.value()))
                .set("TimeStamp", CimDateTime.of(v.from().sampledAt()))
                .set("Volatile", true);
        return true;
    }
}
