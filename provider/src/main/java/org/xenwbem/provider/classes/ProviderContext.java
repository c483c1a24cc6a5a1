package org.xenwbem.provider.classes;

import java.util.function.Supplier;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimClass;
import org.xenwbem.cim.ClassRepository;

/**
 * What class providers share: the class repository, the current pool snapshot, and facts about the
 * daemon itself — the CN of the certificate it serves and the uuid of the host it runs on (empty when
 * unknown, in which case the pool master is taken as this host).
 */
public record ProviderContext(ClassRepository classes, Supplier<PoolSnapshot> pool, String certificateCn,
                              Supplier<String> localHostUuid) {
    public static final String NAMESPACE = "root/cimv2";

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
