package org.xenwbem.provider.methods;

import java.util.Locale;
import org.xenwbem.provider.classes.common.Ids;
import java.util.Optional;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;

/**
 * Resolves the reference arguments of the migration, snapshot and metric methods against the pool
 * mirror: a {@code Xen_ComputerSystem} (key Name = VM uuid), a {@code Xen_HostComputerSystem} (key
 * Name = host uuid), a host named by uuid, address, hostname or name label, and a snapshot's
 * settings path (InstanceID {@code Xen:<snapshot uuid>}); each given as a reference or as the instance itself.
 */
public final class FabricRefs {
    private FabricRefs() {
    }

    /** A guest VM (not a template, snapshot or dom0); CIM_ERR_INVALID_PARAMETER when absent or of another kind. */
    public static VmRecord guest(PoolSnapshot s, Object ref, String param) throws CimException {
        String uuid = key(ref, "Name", param);
        return s.vm(uuid).filter(v -> !v.isATemplate() && !v.isASnapshot() && !v.isControlDomain())
                .orElseThrow(() -> new CimException(CimStatus.NOT_FOUND, param + ": no VM " + uuid));
    }

    /** The snapshot named by a settings path's InstanceID ({@code Xen:<uuid>}). */
    public static VmRecord snapshot(PoolSnapshot s, Object ref, String param) throws CimException {
        String id = key(ref, "InstanceID", param);
        String uuid = Ids.withoutPrefix(id);
        return s.vm(uuid).filter(VmRecord::isASnapshot)
                .orElseThrow(() -> new CimException(CimStatus.NOT_FOUND, param + ": no snapshot " + id));
    }

    public static HostRecord hostByRef(PoolSnapshot s, Object ref, String param) throws CimException {
        String uuid = key(ref, "Name", param);
        return s.host(uuid).orElseThrow(() -> new CimException(CimStatus.NOT_FOUND, param + ": no host " + uuid));
    }

    /** DestinationHost: a host uuid, address, hostname or name label (case-insensitive for names). */
    public static HostRecord hostByName(PoolSnapshot s, Object name, String param) throws CimException {
        if (!(name instanceof String n) || n.isBlank()) {
            throw new CimException(CimStatus.INVALID_PARAMETER, param + " is required");
        }
        String t = n.trim();
        Optional<HostRecord> h = s.host(t);
        if (h.isEmpty()) {
            String lc = t.toLowerCase(Locale.ROOT);
            h = s.hosts().stream().filter(x -> t.equals(x.address()) || lc.equalsIgnoreCase(x.hostname())
                    || lc.equalsIgnoreCase(x.nameLabel())).findFirst();
        }
        return h.orElseThrow(() -> new CimException(CimStatus.NOT_FOUND, param + ": no host " + t));
    }

    /** A VM or a host: the target of GetPerformanceMetricsForSystem. */
    public static Object system(PoolSnapshot s, Object ref, String param) throws CimException {
        String name = key(ref, "Name", param);
        Optional<HostRecord> host = s.host(name);
        if (host.isPresent()) {
            return host.get();
        }
        return guest(s, ref, param);
    }

    /** The key of a reference given as an endpoint reference / object path, or as the instance itself. */
    private static String key(Object ref, String key, String param) throws CimException {
        Object v = EmbeddedArgs.keyOf(ref, key);
        if (v == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, param + " must be a reference with key " + key);
        }
        return String.valueOf(v);
    }
}
