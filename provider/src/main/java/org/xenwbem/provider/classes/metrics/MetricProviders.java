package org.xenwbem.provider.classes.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.xenwbem.bridge.HostCpuRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.CimDateTime;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.storage.StorageAssociations;
import org.xenwbem.provider.classes.host.HostNetworkPorts;
import org.xenwbem.provider.classes.common.Link;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.classes.network.SwitchPorts;

/**
 * Metric values and definitions (anchor §4.4, {@code Xen_HostProcessor.c}, {@code Xen_Processor.c}).
 * Processor values come from the pool snapshot ({@code host_cpu.utilisation},
 * {@code VM_metrics.VCPUs_utilisation}); NIC and disk throughput and disk latency live only in xapi's
 * RRDs and are served by {@link DeviceMetricProviders} from the RRD sampler; their history is
 * {@code Xen_MetricService.GetPerformanceMetricsForSystem}'s job.
 */
public final class MetricProviders {
    static final String HOST_CPU = "Xen_HostProcessorUtilization";
    static final String VCPU = "Xen_ProcessorUtilization";
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
            new Def(HOST_CPU, "Host Processor Utilization", "Percent"),
            new Def(VCPU, "Virtual Processor Utilization", "Percent"),
            new Def("Xen_HostNetworkPortReceiveThroughput", "Host Network Port Receive Throughput", "Bytes per Second"),
            new Def("Xen_HostNetworkPortTransmitThroughput", "Host Network Port Transmit Throughput", "Bytes per Second"),
            new Def("Xen_NetworkPortReceiveThroughput", "Network Port Receive Throughput", "Bytes per Second"),
            new Def("Xen_NetworkPortTransmitThroughput", "Network Port Transmit Throughput", "Bytes per Second"),
            new Def("Xen_DiskReadThroughput", "Disk Read Throughput", "Bytes per Second"),
            new Def("Xen_DiskWriteThroughput", "Disk Write Throughput", "Bytes per Second"),
            new Def("Xen_DiskReadLatency", "Disk Read Latency", "Microseconds"),
            new Def("Xen_DiskWriteLatency", "Disk Write Latency", "Microseconds"));

    /** One VCPU of a VM with its load. */
    record Vcpu(VmRecord vm, long number, double load) {
    }

    private MetricProviders() {
    }

    public static List<InstanceProvider> all(ProviderContext pc) {
        List<InstanceProvider> out = new ArrayList<>();
        out.add(Mapped.of(pc, HOST_CPU, PoolSnapshot::hostCpus, MetricProviders::hostCpu));
        out.add(Mapped.of(pc, VCPU, MetricProviders::vcpus, MetricProviders::vcpu));
        out.addAll(DeviceMetricProviders.all(pc));
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

    /** Running VMs' VCPUs with a reported load (VM_metrics.VCPUs_utilisation). */
    static List<Vcpu> vcpus(PoolSnapshot s) {
        List<Vcpu> out = new ArrayList<>();
        for (VmRecord vm : Paths.systems(s)) {
            new TreeMap<>(vm.vcpusUtilisation()).forEach((n, load) -> out.add(new Vcpu(vm, n, load)));
        }
        return out;
    }

    static CimObjectPath hostCpuValue(HostCpuRecord c) {
        return Paths.byInstanceId(HOST_CPU, Ids.device(c.hostUuid(), c.uuid()));
    }

    static CimObjectPath vcpuValue(Vcpu v) {
        return Paths.byInstanceId(VCPU, Ids.device(v.vm().uuid(), "VCPU" + v.number()));
    }

    /** Anchor processor_metric_set_properties; TimeStamp = when host_metrics were last updated. */
    private static boolean hostCpu(HostCpuRecord c, PoolSnapshot s, CimInstance.Builder b) {
        var host = s.host(c.hostUuid());
        b.set("InstanceID", Ids.device(c.hostUuid(), c.uuid()))
                .set("MetricDefinitionId", HOST_CPU + "Def")
                .set("Caption", "Xen Host Processor Metrics")
                .set("ElementName", c.hostUuid())
                .set("MeasuredElementName", host.map(h -> h.nameLabel()).orElse(""))
                .set("Description", "cpu" + c.number())
                .set("MetricValue", value(c.utilisation()))
                .set("Volatile", true);
        host.map(h -> h.metrics().lastUpdated()).ifPresent(t -> b.set("TimeStamp", CimDateTime.of(t)));
        return true;
    }

    private static boolean vcpu(Vcpu v, PoolSnapshot s, CimInstance.Builder b) {
        b.set("InstanceID", Ids.device(v.vm().uuid(), "VCPU" + v.number()))
                .set("MetricDefinitionId", VCPU + "Def")
                .set("Caption", "Xen Virtual Processor metrics")
                .set("ElementName", v.vm().uuid())
                .set("MeasuredElementName", v.vm().nameLabel())
                .set("Description", "cpu" + v.number())
                .set("MetricValue", value(v.load()))
                .set("Volatile", true);
        return true;
    }

    /** The anchor's {@code "%f"} of the load in percent. */
    static String value(double load) {
        return String.format(Locale.ROOT, "%f", load * 100);
    }

    /** Metric associations: definitions for every measured element, values where there are values. */
    public static List<InstanceProvider> links(ProviderContext pc) {
        List<InstanceProvider> out = new ArrayList<>(DeviceMetricProviders.links(pc));
        out.addAll(List.of(
                Link.dependency(pc, "Xen_MetricForHostProcessor", s -> mapCpus(s, true)),
                Link.dependency(pc, "Xen_MetricDefForHostProcessor", s -> mapCpus(s, false)),
                Link.dependency(pc, "Xen_MetricInstanceHostProcessor", s -> s.hostCpus().stream()
                        .map(c -> new Link.Pair(def(HOST_CPU).path(), hostCpuValue(c))).toList()),
                Link.dependency(pc, "Xen_MetricForVirtualProcessor", s -> vcpus(s).stream()
                        .map(v -> new Link.Pair(Paths.vmProcessor(v.vm().uuid(), v.number()), vcpuValue(v))).toList()),
                Link.dependency(pc, "Xen_MetricDefForVirtualProcessor", MetricProviders::vcpuDefs),
                Link.dependency(pc, "Xen_MetricInstanceVirtualProcessor", s -> vcpus(s).stream()
                        .map(v -> new Link.Pair(def(VCPU).path(), vcpuValue(v))).toList()),
                Link.dependency(pc, "Xen_MetricDefForHostNetworkPort", s -> defsFor(
                        HostNetworkPorts.visiblePifs(s).stream().map(p -> Paths.hostNetworkPort(p.hostUuid(), p.uuid()))
                                .toList(), "Xen_HostNetworkPortReceiveThroughput", "Xen_HostNetworkPortTransmitThroughput")),
                Link.dependency(pc, "Xen_MetricDefForNetworkPort", s -> defsFor(SwitchPorts.vifs(s).stream()
                        .map(v -> Paths.vmDevice("Xen_NetworkPort", v.vmUuid(), v.uuid())).toList(),
                        "Xen_NetworkPortReceiveThroughput", "Xen_NetworkPortTransmitThroughput")),
                Link.dependency(pc, "Xen_MetricDefForDisk", s -> defsFor(StorageAssociations.vmDisks(s, "Xen_Disk"),
                        "Xen_DiskReadThroughput", "Xen_DiskWriteThroughput", "Xen_DiskReadLatency",
                        "Xen_DiskWriteLatency"))));
        return out;
    }

    private static List<Link.Pair> mapCpus(PoolSnapshot s, boolean values) {
        return s.hostCpus().stream().map(c -> new Link.Pair(Paths.hostProcessor(c.hostUuid(), c.uuid()),
                values ? hostCpuValue(c) : def(HOST_CPU).path())).toList();
    }

    /** Every VCPU a system VM has (VCPUs_at_startup of them) ↔ the VCPU utilisation definition. */
    private static List<Link.Pair> vcpuDefs(PoolSnapshot s) {
        List<Link.Pair> out = new ArrayList<>();
        for (VmRecord vm : Paths.systems(s)) {
            for (long n = 0; n < vm.vcpusAtStartup(); n++) {
                out.add(new Link.Pair(Paths.vmProcessor(vm.uuid(), n), def(VCPU).path()));
            }
        }
        return out;
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
