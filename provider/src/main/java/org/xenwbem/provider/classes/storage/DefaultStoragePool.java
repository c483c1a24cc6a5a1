package org.xenwbem.provider.classes.storage;

import java.time.Duration;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.SrRecord;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.methods.EmbeddedArgs;
import org.xenwbem.provider.methods.MethodEnvironment;

/**
 * {@code Xen_HostPool.SetDefaultStoragePool} (anchor §5.8, {@code pool.set_default_SR}, pool-operator):
 * the storage family's handler behind that row of the one Xen_HostPool table ({@code pool.HostPoolMethods}).
 */
public final class DefaultStoragePool {
    private final MethodEnvironment env;
    private final EmbeddedArgs args;

    public DefaultStoragePool(MethodEnvironment env) {
        this.env = env;
        this.args = new EmbeddedArgs(env.classes());
    }

    /** Makes the SR {@code ref} names the default (and suspend-image and crash-dump) SR; the caller checked the role. */
    public MethodResult set(RequestContext ctx, Object ref) throws CimException, XenFailure {
        PoolSnapshot s = env.pool().get();
        SrRecord sr = StorageRefs.sr(s, args.ref("StoragePool", ref), "StoragePool");
        if (StoragePools.isIso(sr)) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "SR " + sr.nameLabel() + " is an ISO library; the "
                    + "default storage pool holds the disks of new VMs");
        }
        try (PoolSession session = env.sessionFor(ctx)) {
            session.storage().setDefaultSr(sr.uuid());
        }
        try {
            env.bridge().mirror().await(x -> x.pool() != null && sr.uuid().equals(x.pool().defaultSrUuid()),
                    Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return MethodResult.of(MethodEnvironment.COMPLETED);
    }
}
