package org.xenwbem.bridge.mirror;

import java.util.List;
import org.xenwbem.bridge.HostMetricsRecord;
import org.xenwbem.bridge.VmMetricsRecord;

/** What a mapper needs besides the record: refs turned into UUIDs and the metrics records to join. */
interface MapContext {
    /** The UUID behind {@code ref}; "" for OpaqueRef:NULL or an unknown ref. */
    String uuid(String ref);

    /** The UUIDs behind a set of refs, sorted, unknown ones left out. */
    List<String> uuids(List<?> refs);

    /** The mapped {@code VM_metrics} behind {@code ref}, or {@link VmMetricsRecord#UNKNOWN}. */
    VmMetricsRecord vmMetrics(String ref);

    /** The mapped {@code host_metrics} behind {@code ref}, or {@link HostMetricsRecord#UNKNOWN}. */
    HostMetricsRecord hostMetrics(String ref);
}
