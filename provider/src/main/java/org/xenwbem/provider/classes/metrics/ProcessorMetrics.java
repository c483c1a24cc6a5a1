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
import org.xenwbem.provider.classes.common.Link;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.InstanceProvider;

/**
 * Processor utilisation values (anchor §4.4, {@code Xen_HostProcessor.c}, {@code Xen_Processor.c}):
 * {@code Xen_HostProcessorUtilization} per {@code host_cpu} and {@code Xen_ProcessorUtilization} per
 * reported VCPU of a running VM, from the pool snapshot ({@code host_cpu.utilisation},
 * {@code VM_metrics.VCPUs_utilisation}), with their links to the processors and their definitions.
 */
final class ProcessorMetrics {
    static final String HOST_CPU = "Xen_HostProcessorUtilization";
    static final String VCPU = "Xen_ProcessorUtilization";

    /** One VCPU of a VM with its load. */
    record Vcpu(VmRecord vm, long number, double load) {
    }

    private ProcessorMetrics() {
    }

    static List<InstanceProvider> providers(ProviderContext pc) {
        return List.of(Mapped.of(pc, HOST_CPU, PoolSnapshot::hostCpus, ProcessorMetrics::hostCpu),
                Mapped.of(pc, VCPU, ProcessorMetrics::vcpus, ProcessorMetrics::vcpu));
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
        Paths.keyed(b, hostCpuValue(c))
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
        Paths.keyed(b, vcpuValue(v))
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

    /** Each processor ↔ its value (MetricForME) and its definition (MetricDefForME); definition ↔ value. */
    static List<InstanceProvider> links(ProviderContext pc) {
        return List.of(
                Link.dependency(pc, "Xen_MetricForHostProcessor", s -> mapCpus(s, true)),
                Link.dependency(pc, "Xen_MetricDefForHostProcessor", s -> mapCpus(s, false)),
                Link.dependency(pc, "Xen_MetricInstanceHostProcessor", s -> s.hostCpus().stream()
                        .map(c -> new Link.Pair(MetricDefinitions.def(HOST_CPU).path(), hostCpuValue(c))).toList()),
                Link.dependency(pc, "Xen_MetricForVirtualProcessor", s -> vcpus(s).stream()
                        .map(v -> new Link.Pair(Paths.vmProcessor(v.vm().uuid(), v.number()), vcpuValue(v))).toList()),
                Link.dependency(pc, "Xen_MetricDefForVirtualProcessor", ProcessorMetrics::vcpuDefs),
                Link.dependency(pc, "Xen_MetricInstanceVirtualProcessor", s -> vcpus(s).stream()
                        .map(v -> new Link.Pair(MetricDefinitions.def(VCPU).path(), vcpuValue(v))).toList()));
    }

    private static List<Link.Pair> mapCpus(PoolSnapshot s, boolean values) {
        return s.hostCpus().stream().map(c -> new Link.Pair(Paths.hostProcessor(c.hostUuid(), c.uuid()),
                values ? hostCpuValue(c) : MetricDefinitions.def(HOST_CPU).path())).toList();
    }

    /** Every VCPU a system VM has (VCPUs_at_startup of them) ↔ the VCPU utilisation definition. */
    private static List<Link.Pair> vcpuDefs(PoolSnapshot s) {
        List<Link.Pair> out = new ArrayList<>();
        for (VmRecord vm : Paths.systems(s)) {
            for (long n = 0; n < vm.vcpusAtStartup(); n++) {
                out.add(new Link.Pair(Paths.vmProcessor(vm.uuid(), n), MetricDefinitions.def(VCPU).path()));
            }
        }
        return out;
    }
}
