package org.xenwbem.provider.classes.network;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.NetworkRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.methods.EmbeddedArgs;
import org.xenwbem.provider.methods.MethodEnvironment;
import org.xenwbem.provider.methods.Rbac;
import org.xenwbem.provider.methods.TabledMethodProvider;

/**
 * {@code Xen_VirtualSwitchManagementService} (anchor §5.7): DefineSystem (internal switch; external on a
 * VLAN of a host NIC; a bond of several NICs), DestroySystem (refused with the reason while a running VM's
 * NIC uses the switch), Add/RemoveResourceSettings (internal ↔ external), ModifyResourceSettings (VLAN tag,
 * host NIC IP settings, {@link PortSettings}) and ModifySystemSettings (name, description, MTU, bond mode).
 * xapi gives VLAN, bond and PIF changes to pool-operator and above, so every method needs that role. Each
 * method completes before it returns and waits until the mirror shows its result (read-your-writes).
 */
public final class SwitchManagement extends TabledMethodProvider {
    static final String CLASS = "Xen_VirtualSwitchManagementService";
    static final String PORT_SETTINGS = "Xen_HostNetworkPortSettingData";
    private static final Logger LOG = LoggerFactory.getLogger(SwitchManagement.class);
    private static final Duration MIRROR_WAIT = Duration.ofSeconds(30);
    private static final String CALL = "call {method} on virtual switches";

    private final EmbeddedArgs args;
    private final SwitchChanges changes;

    public SwitchManagement(MethodEnvironment env) {
        super(env, CLASS);
        this.args = new EmbeddedArgs(env.classes());
        this.changes = new SwitchChanges(this);
        methods().method("DefineSystem", Rbac.POOL_OPERATOR, CALL, (ctx, t, m, in) -> define(ctx, in))
                .method("DestroySystem", Rbac.POOL_OPERATOR, CALL, (ctx, t, m, in) -> changes.destroy(ctx, in))
                .method("AddResourceSettings", Rbac.POOL_OPERATOR, CALL, (ctx, t, m, in) -> changes.add(ctx, in))
                .method("RemoveResourceSettings", Rbac.POOL_OPERATOR, CALL, (ctx, t, m, in) -> changes.remove(ctx, in))
                .method("ModifyResourceSettings", Rbac.POOL_OPERATOR, CALL, (ctx, t, m, in) -> changes.modifyPorts(ctx, in))
                .method("ModifySystemSettings", Rbac.POOL_OPERATOR, CALL, (ctx, t, m, in) -> changes.modifySystem(ctx, in));
    }

    MethodEnvironment env() {
        return env;
    }

    EmbeddedArgs args() {
        return args;
    }

    private MethodResult define(RequestContext ctx, Map<String, Object> in) throws CimException, XenFailure {
        SwitchRequests.SwitchSpec spec = SwitchRequests.spec(args.instance("SystemSettings", in.get("SystemSettings")));
        SwitchRequests.Uplink uplink = SwitchRequests.uplink(args.instances("ResourceSettings", in.get("ResourceSettings")));
        String uuid;
        int uplinks;
        try (PoolSession s = env.sessionFor(ctx)) {
            SwitchWork work = new SwitchWork(s, env.pool().get());
            uuid = work.atomically(() -> work.createSwitch(spec, uplink));
            uplinks = work.uplinks();
        }
        PoolSnapshot after = await(p -> p.network(uuid).filter(n -> n.pifUuids().size() >= uplinks)
                .isPresent(), "switch " + uuid);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ResultingSystem", switchPath(uuid));
        out.put("ResultingResourceSettings", portSettingsOf(after, uuid));
        return new MethodResult(MethodEnvironment.COMPLETED, out);
    }

    /** The switch a reference names: Xen_VirtualSwitch by Name, or its settings by {@code Xen:<uuid>}. */
    NetworkRecord network(Object ref, String param) throws CimException {
        if (ref == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, param + " is required");
        }
        CimObjectPath p = args.ref(param, ref);
        Object name = p.key("Name") != null ? p.key("Name") : EmbeddedArgs.ownerOf(p.key("InstanceID"));
        String uuid = EmbeddedArgs.str(name);
        return env.pool().get().network(uuid == null ? "" : uuid)
                .orElseThrow(() -> new CimException(CimStatus.NOT_FOUND, param + ": no virtual switch " + p));
    }

    /** Waits until the mirror satisfies {@code seen}; returns the snapshot then (or the latest on timeout). */
    PoolSnapshot await(Predicate<PoolSnapshot> seen, String what) {
        try {
            if (!env.bridge().mirror().await(seen, MIRROR_WAIT)) {
                LOG.warn("the mirror did not show {} within {}", what, MIRROR_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return env.pool().get();
    }

    static CimObjectPath switchPath(String network) {
        return Paths.virtualSwitch(network);
    }

    /** The host-port settings of the switch's PIFs, as the service's methods return them. */
    static List<CimObjectPath> portSettingsOf(PoolSnapshot s, String network) {
        List<CimObjectPath> out = new ArrayList<>();
        s.network(network).ifPresent(n -> n.pifUuids().forEach(pif -> s.pif(pif).ifPresent(p ->
                out.add(Paths.hostNetworkPortSettings(p.hostUuid(), p.uuid())))));
        return out;
    }

    /** The embedded host-port settings of a parameter. */
    List<CimInstance> instances(String param, Object v) throws CimException {
        return args.instances(param, v);
    }
}
