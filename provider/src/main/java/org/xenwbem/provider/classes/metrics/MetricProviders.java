package org.xenwbem.provider.classes.metrics;

import java.util.ArrayList;
import java.util.List;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.InstanceProvider;

/**
 * The registry of the metrics family (anchor §4.4): processor values ({@link ProcessorMetrics}), disk
 * and NIC values from the RRD sampler ({@link DeviceMetrics}), their definitions
 * ({@link MetricDefinitions}) and the associations among them and the measured elements; the history
 * is {@code Xen_MetricService.GetPerformanceMetricsForSystem}'s job ({@link MetricService}).
 */
public final class MetricProviders {
    private MetricProviders() {
    }

    /** The value and definition classes. */
    public static List<InstanceProvider> all(ProviderContext pc) {
        List<InstanceProvider> out = new ArrayList<>(ProcessorMetrics.providers(pc));
        out.addAll(DeviceMetrics.all(pc));
        out.addAll(MetricDefinitions.providers(pc));
        return out;
    }

    /** Metric associations: definitions for every measured element, values where there are values. */
    public static List<InstanceProvider> links(ProviderContext pc) {
        List<InstanceProvider> out = new ArrayList<>(DeviceMetrics.links(pc));
        out.addAll(ProcessorMetrics.links(pc));
        out.addAll(MetricDefinitions.deviceLinks(pc));
        return out;
    }
}
