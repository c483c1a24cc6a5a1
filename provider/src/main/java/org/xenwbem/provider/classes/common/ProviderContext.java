package org.xenwbem.provider.classes.common;

import java.util.function.Supplier;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.perf.PerfSnapshot;
import org.xenwbem.bridge.storage.AdapterSource;
import org.xenwbem.bridge.storage.OffloadedDisks;
import org.xenwbem.cim.CimClass;
import org.xenwbem.cim.ClassRepository;

/**
 * What class providers share: the class repository, the current pool snapshot, and facts about the
 * daemon itself — the CN of the certificate it serves and the uuid of the host it runs on (empty when
 * unknown, in which case the pool master is taken as this host), and the latest disk and NIC values
 * of the RRD sampler ({@link PerfSnapshot#EMPTY} when sampling is off), and the storage offload layer
 * (which SRs an array serves, and how), none without arrays.
 */
public record ProviderContext(ClassRepository classes, Supplier<PoolSnapshot> pool, String certificateCn,
                              Supplier<String> localHostUuid, Supplier<PerfSnapshot> perf, OffloadedDisks offload) {
    public static final String NAMESPACE = "root/cimv2";

    /** A context without arrays. */
    public ProviderContext(ClassRepository classes, Supplier<PoolSnapshot> pool, String certificateCn,
                           Supplier<String> localHostUuid, Supplier<PerfSnapshot> perf) {
        this(classes, pool, certificateCn, localHostUuid, perf,
                new OffloadedDisks(AdapterSource.none(), java.time.Duration.ofHours(2)));
    }

    /** A context without sampled performance values. */
    public ProviderContext(ClassRepository classes, Supplier<PoolSnapshot> pool, String certificateCn,
                           Supplier<String> localHostUuid) {
        this(classes, pool, certificateCn, localHostUuid, () -> PerfSnapshot.EMPTY);
    }

    public CimClass cimClass(String name) {
        CimClass c = classes.get(name);
        if (c == null) {
            throw new IllegalStateException("schema lacks class " + name);
        }
        return c;
    }

    /** The uuid of the host this daemon runs on. */
    public String thisHost(PoolSnapshot s) {
        String local = localHostUuid.get();
        return local == null || local.isEmpty() ? s.pool().masterUuid() : local;
    }
}
