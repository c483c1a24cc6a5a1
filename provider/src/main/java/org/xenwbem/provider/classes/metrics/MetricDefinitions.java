package org.xenwbem.provider.classes.metrics;

import java.util.ArrayList;
import java.util.List;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.classes.common.Link;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.classes.host.HostNetworkPorts;
import org.xenwbem.provider.classes.network.SwitchPorts;
import org.xenwbem.provider.classes.storage.StorageAssociations;
import org.xenwbem.provider.cimom.InstanceProvider;

/**
 * The metric definitions (DSP1053 CIM_BaseMetricDefinition; anchor §4.4): one fixed instance of
 * {@code <value class>Def} per value class, Id its class name, and the MetricDefForME links of the
 * disks and network ports to theirs (the processors' are {@link ProcessorMetrics}').
 */
final class MetricDefinitions {
    /** A metric definition: fixed instance of {@code <value class>Def}, Id = its class name (the anchor's MetricDefinitionId). */
    record Def(String valueClass, String name, String units) {
        String cls() {
            return valueClass + "Def";
        }

        CimObjectPath path() {
            return Paths.path(cls(), "Id", cls());
        }
    }

    static final List<Def> DEFS = List.of(
            new Def(ProcessorMetrics.HOST_CPU, "Host Processor Utilization", "Percent"),
            new Def(ProcessorMetrics.VCPU, "Virtual Processor Utilization", "Percent"),
            new Def("Xen_HostNetworkPortReceiveThroughput", "Host Network Port Receive Throughput", "Bytes per Second"),
            new Def("Xen_HostNetworkPortTransmitThroughput", "Host Network Port Transmit Throughput", "Bytes per Second"),
            new Def("Xen_NetworkPortReceiveThroughput", "Network Port Receive Throughput", "Bytes per Second"),
            new Def("Xen_NetworkPortTransmitThroughput", "Network Port Transmit Throughput", "Bytes per Second"),
            new Def("Xen_DiskReadThroughput", "Disk Read Throughput", "Bytes per Second"),
            new Def("Xen_DiskWriteThroughput", "Disk Write Throughput", "Bytes per Second"),
            new Def("Xen_DiskReadLatency", "Disk Read Latency", "Microseconds"),
            new Def("Xen_DiskWriteLatency", "Disk Write Latency", "Microseconds"));

    private MetricDefinitions() {
    }

    /** One provider per definition class, each serving its one instance. */
    static List<InstanceProvider> providers(ProviderContext pc) {
        List<InstanceProvider> out = new ArrayList<>();
        for (Def d : DEFS) {
            out.add(Mapped.of(pc, d.cls(), s -> List.of(d), (x, s, b) -> {
                b.set("Id", x.cls()).set("Name", x.name()).set("ElementName", x.name()).set("Units", x.units());
                return true;
            }));
        }
        return out;
    }

    static Def def(String valueClass) {
        return DEFS.stream().filter(d -> d.valueClass().equals(valueClass)).findFirst().orElseThrow();
    }

    /** Every host NIC, VM NIC and VM disk ↔ the definitions of the values measured on it. */
    static List<InstanceProvider> deviceLinks(ProviderContext pc) {
        return List.of(
                Link.dependency(pc, "Xen_MetricDefForHostNetworkPort", s -> defsFor(
                        HostNetworkPorts.visiblePifs(s).stream().map(p -> Paths.hostNetworkPort(p.hostUuid(), p.uuid()))
                                .toList(), "Xen_HostNetworkPortReceiveThroughput", "Xen_HostNetworkPortTransmitThroughput")),
                Link.dependency(pc, "Xen_MetricDefForNetworkPort", s -> defsFor(SwitchPorts.vifs(s).stream()
                        .map(v -> Paths.vmDevice("Xen_NetworkPort", v.vmUuid(), v.uuid())).toList(),
                        "Xen_NetworkPortReceiveThroughput", "Xen_NetworkPortTransmitThroughput")),
                Link.dependency(pc, "Xen_MetricDefForDisk", s -> defsFor(StorageAssociations.vmDisks(s, "Xen_Disk"),
                        "Xen_DiskReadThroughput", "Xen_DiskWriteThroughput", "Xen_DiskReadLatency",
                        "Xen_DiskWriteLatency")));
    }

    private static List<Link.Pair> defsFor(List<CimObjectPath> elements, String... valueClasses) {
        List<Link.Pair> out = new ArrayList<>();
        for (CimObjectPath e : elements) {
            for (String v : valueClasses) {
                out.add(new Link.Pair(e, def(v).path()));
            }
        }
        return out;
    }
}
