package org.xenwbem.provider.classes.storage;

import java.util.Map;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.methods.EmbeddedArgs;
import org.xenwbem.provider.methods.MethodEnvironment;
import org.xenwbem.provider.methods.Rbac;
import org.xenwbem.provider.methods.TabledMethodProvider;

/**
 * {@code Xen_StoragePoolManagementService} (anchor §5.6). The roles are xapi's for the calls each method
 * makes (datamodel {@code roles}): SR.create / introduce / probe / destroy / forget and the PBD calls need
 * pool-operator; VDI.create / clone / copy / destroy need vm-admin. The disk transfer methods are
 * {@link DiskConnections}'. Methods without a row (the DMTF ones the anchor did not implement) answer
 * "not supported" to callers who hold vm-admin.
 */
public final class StoragePoolManagement extends TabledMethodProvider {
    private static final String SR_OPS = "create, detach or delete storage repositories ({method})";
    private static final String DISK_OPS = "create or delete disks ({method})";

    private final EmbeddedArgs args;
    private final PoolCreation creation;
    private final PoolRemoval removal;
    private final DiskImageMethods disks;
    private final IscsiDiscovery discovery;

    public StoragePoolManagement(MethodEnvironment env) {
        this(env, DiskExposure.NONE);
    }

    /** The service whose ConnectToDiskImage exposes disks through {@code exposure}. */
    public StoragePoolManagement(MethodEnvironment env, DiskExposure exposure) {
        super(env, StorageProviders.SERVICE_CLASS);
        this.args = new EmbeddedArgs(env.classes());
        StorageJobs jobs = new StorageJobs(env);
        this.creation = new PoolCreation(env, jobs);
        this.removal = new PoolRemoval(env);
        this.disks = new DiskImageMethods(env, jobs, new DiskCopies(env, jobs));
        this.discovery = new IscsiDiscovery(env);
        methods().method("CreateStoragePool", Rbac.POOL_OPERATOR, SR_OPS, this::createPool)
                .method("DetachStoragePool", Rbac.POOL_OPERATOR, SR_OPS, (ctx, t, m, in) ->
                        removal.detach(ctx, StorageRefs.sr(env.pool().get(), args.ref("Pool", in.get("Pool")), "Pool")))
                .method("DeleteResourcePool", Rbac.POOL_OPERATOR, SR_OPS, (ctx, t, m, in) ->
                        removal.delete(ctx, StorageRefs.sr(env.pool().get(), args.ref("Pool", in.get("Pool")), "Pool")))
                .method("DiscoveriSCSITargetInfo", Rbac.POOL_OPERATOR, "probe iSCSI targets ({method})",
                        (ctx, t, m, in) -> discovery.discover(ctx, in))
                .method("CreateDiskImage", Rbac.VM_ADMIN, DISK_OPS, (ctx, t, m, in) ->
                        disks.create(ctx, args.instance("ResourceSetting", in.get("ResourceSetting"))))
                .method("DeleteDiskImage", Rbac.VM_ADMIN, DISK_OPS, (ctx, t, m, in) ->
                        disks.delete(ctx, args.ref("DiskImage", in.get("DiskImage"))))
                .otherwise(Rbac.VM_ADMIN, "call {method}", StoragePoolManagement::notSupported);
        new DiskConnections(env, exposure).addTo(methods());
    }

    private MethodResult createPool(RequestContext ctx, CimObjectPath target, CimMethod m, Map<String, Object> in)
            throws CimException, org.xenwbem.bridge.ops.XenFailure {
        SrSettings req = SrSettings.decode(EmbeddedArgs.str(in.get("ElementName")),
                args.instance("Settings", in.get("Settings")), EmbeddedArgs.num(in.get("ResourceType")));
        return creation.create(ctx, req);
    }

    private static MethodResult notSupported(RequestContext ctx, CimObjectPath target, CimMethod method,
                                             Map<String, Object> in) {
        return MethodResult.of(MethodEnvironment.NOT_SUPPORTED);
    }
}
