package org.xenwbem.provider.classes.pool;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.xenwbem.bridge.PoolRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.SrRecord;
import org.xenwbem.bridge.ops.FieldOps;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.classes.storage.DefaultStoragePool;
import org.xenwbem.provider.methods.EmbeddedArgs;
import org.xenwbem.provider.methods.MethodEnvironment;
import org.xenwbem.provider.methods.Rbac;
import org.xenwbem.provider.methods.TabledMethodProvider;

/**
 * Every {@code Xen_HostPool} method (anchor §5.8) in one table, all pool-operator as xapi's roles for
 * pool.set_name_*, join, eject, enable_ha, disable_ha and set_default_SR say: Create sets the pool's name
 * and description, AddHost and RemoveHost are {@link PoolMembership}'s, Enable/DisableHighAvailability
 * turn HA on (heartbeat SR given, or the default SR when shared, or the first shared SR) and off, and
 * SetDefaultStoragePool is the storage family's {@link DefaultStoragePool}. Every method waits until the
 * mirror shows its result.
 */
public final class HostPoolMethods extends TabledMethodProvider {
    private static final Duration VISIBLE = Duration.ofSeconds(10);

    private final EmbeddedArgs args;

    public HostPoolMethods(MethodEnvironment env) {
        super(env, HostPool.CLASS);
        this.args = new EmbeddedArgs(env.classes());
        DefaultStoragePool defaultSr = new DefaultStoragePool(env);
        PoolMembership members = new PoolMembership(env);
        methods().method("Create", Rbac.POOL_OPERATOR, "name the pool", (ctx, t, m, in) -> create(ctx, in))
                .method("AddHost", Rbac.POOL_OPERATOR, "join a host to the pool", (ctx, t, m, in) -> members.add(ctx, in))
                .method("RemoveHost", Rbac.POOL_OPERATOR, "eject a host from the pool",
                        (ctx, t, m, in) -> members.remove(ctx, in.get("Host")))
                .method("EnableHighAvailability", Rbac.POOL_OPERATOR, "turn high availability on",
                        (ctx, t, m, in) -> enableHa(ctx, in))
                .method("DisableHighAvailability", Rbac.POOL_OPERATOR, "turn high availability off",
                        (ctx, t, m, in) -> disableHa(ctx))
                .method("SetDefaultStoragePool", Rbac.POOL_OPERATOR, "set the pool's default storage repository",
                        (ctx, t, m, in) -> defaultSr.set(ctx, in.get("StoragePool")));
    }

    /** pool.set_name_label, then set_name_description; the old name comes back when the second fails. */
    private MethodResult create(RequestContext ctx, Map<String, Object> in) throws CimException, XenFailure {
        String name = EmbeddedArgs.str(in.get("Name"));
        if (name == null || name.isBlank()) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "Name is required");
        }
        String description = EmbeddedArgs.str(in.get("Description"));
        PoolRecord p = env.pool().get().pool();
        try (PoolSession session = env.sessionFor(ctx)) {
            FieldOps f = session.fields();
            f.set(FieldOps.Target.POOL, p.uuid(), "name_label", name);
            if (description != null) {
                try {
                    f.set(FieldOps.Target.POOL, p.uuid(), "name_description", description);
                } catch (XenFailure e) {
                    restore(f, p.uuid(), p.nameLabel());
                    throw e;
                }
            }
        }
        await(x -> name.equals(x.nameLabel()) && (description == null || description.equals(x.nameDescription())));
        return MethodResult.of(MethodEnvironment.COMPLETED);
    }

    private static void restore(FieldOps f, String pool, String oldName) {
        try {
            f.set(FieldOps.Target.POOL, pool, "name_label", oldName);
        } catch (XenFailure ignored) {
            // the first failure is the one reported; the name stays as set
        }
    }

    /**
     * pool.enable_ha on HeartbeatStoragePool (or the SR chosen for it), then, when HostFailuresToTolerate
     * is given, pool.set_ha_host_failures_to_tolerate; HA is turned off again when that fails.
     */
    private MethodResult enableHa(RequestContext ctx, Map<String, Object> in) throws CimException, XenFailure {
        PoolSnapshot s = env.pool().get();
        if (s.pool().haEnabled()) {
            throw new CimException(CimStatus.FAILED, "high availability is already on");
        }
        SrRecord sr = heartbeatSr(s, in.get("HeartbeatStoragePool"));
        Long failures = EmbeddedArgs.num(in.get("HostFailuresToTolerate"));
        if (failures != null && (failures < 0 || failures > s.hosts().size() - 1)) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "HostFailuresToTolerate must be 0.."
                    + (s.hosts().size() - 1) + " in a pool of " + s.hosts().size() + " hosts");
        }
        try (PoolSession session = env.sessionFor(ctx)) {
            session.pools().enableHa(List.of(sr.uuid()), Map.of());
            if (failures != null) {
                try {
                    session.pools().setHaHostFailuresToTolerate(failures);
                } catch (XenFailure e) {
                    session.pools().disableHa();
                    throw e;
                }
            }
        }
        await(x -> x.haEnabled() && (failures == null || x.haHostFailuresToTolerate() == failures));
        return MethodResult.of(MethodEnvironment.COMPLETED);
    }

    /** The SR given, else the default SR when it is shared, else the first shared non-ISO SR. */
    private SrRecord heartbeatSr(PoolSnapshot s, Object given) throws CimException {
        if (given != null) {
            Object id = args.ref("HeartbeatStoragePool", given).key("InstanceID");
            String uuid = id == null ? "" : srUuid(id);
            SrRecord sr = s.sr(uuid).orElseThrow(() -> new CimException(CimStatus.NOT_FOUND,
                    "HeartbeatStoragePool: no storage pool " + uuid));
            if (!sr.shared()) {
                throw new CimException(CimStatus.INVALID_PARAMETER, "HeartbeatStoragePool " + sr.nameLabel()
                        + " is not shared: every host must see the heartbeat SR");
            }
            return sr;
        }
        Predicate<SrRecord> usable = x -> x.shared() && !"iso".equals(x.contentType());
        return s.sr(s.pool().defaultSrUuid()).filter(usable)
                .or(() -> s.srs().stream().filter(usable).findFirst())
                .orElseThrow(() -> new CimException(CimStatus.FAILED, "no shared storage pool to hold the HA "
                        + "heartbeat; give HeartbeatStoragePool after creating one"));
    }

    /** The SR uuid of a Xen_StoragePool InstanceID {@code Xen:<owner>/<sr uuid>}. */
    private static String srUuid(Object instanceId) {
        String id = String.valueOf(instanceId);
        return id.substring(id.lastIndexOf('/') + 1);
    }

    private MethodResult disableHa(RequestContext ctx) throws CimException, XenFailure {
        if (!env.pool().get().pool().haEnabled()) {
            throw new CimException(CimStatus.FAILED, "high availability is not on");
        }
        try (PoolSession session = env.sessionFor(ctx)) {
            session.pools().disableHa();
        }
        await(x -> !x.haEnabled());
        return MethodResult.of(MethodEnvironment.COMPLETED);
    }

    private void await(Predicate<PoolRecord> done) {
        try {
            env.bridge().mirror().await(x -> x.pool() != null && done.test(x.pool()), VISIBLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
