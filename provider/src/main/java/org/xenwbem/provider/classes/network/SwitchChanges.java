package org.xenwbem.provider.classes.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.xenwbem.bridge.BondRecord;
import org.xenwbem.bridge.NetworkRecord;
import org.xenwbem.bridge.PifRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.ops.FieldOps;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.methods.EmbeddedArgs;
import org.xenwbem.provider.methods.MethodEnvironment;

/**
 * The switch service's methods on an existing switch: DestroySystem, Add/RemoveResourceSettings (an
 * internal switch becomes external and back), ModifyResourceSettings (a new VLAN tag for the switch; the
 * IP settings of a host NIC through {@link PortSettings}) and ModifySystemSettings. Each reverses its own
 * steps when one fails ({@link Undo}) and waits for the mirror to show its result.
 */
final class SwitchChanges {
    private final SwitchManagement service;
    private final MethodEnvironment env;

    SwitchChanges(SwitchManagement service) {
        this.service = service;
        this.env = service.env();
    }

    MethodResult destroy(RequestContext ctx, Map<String, Object> in) throws CimException, XenFailure {
        NetworkRecord n = service.network(in.get("AffectedSystem"), "AffectedSystem");
        try (PoolSession s = env.sessionFor(ctx)) {
            SwitchWork work = new SwitchWork(s, env.pool().get());
            work.assertUnused(n);
            work.atomically(() -> {
                work.disconnect(n);
                s.networks().destroyNetwork(n.uuid());
                return null;
            });
        }
        service.await(p -> p.network(n.uuid()).isEmpty(), "switch " + n.uuid() + " gone");
        return MethodResult.of(MethodEnvironment.COMPLETED);
    }

    /** AddResourceSettings: a VLAN or bond uplink for the switch named by AffectedConfiguration. */
    MethodResult add(RequestContext ctx, Map<String, Object> in) throws CimException, XenFailure {
        NetworkRecord n = service.network(in.get("AffectedConfiguration"), "AffectedConfiguration");
        SwitchRequests.Uplink uplink = SwitchRequests.uplink(service.instances("ResourceSettings",
                in.get("ResourceSettings")));
        if (uplink == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "ResourceSettings: no host interface given");
        }
        int expected;
        try (PoolSession s = env.sessionFor(ctx)) {
            SwitchWork work = new SwitchWork(s, env.pool().get());
            String mode = work.bondsOf(n).stream().map(BondRecord::mode).findFirst().orElse(null);
            work.atomically(() -> {
                work.connect(n.uuid(), uplink, mode);
                return null;
            });
            expected = n.pifUuids().size() + work.uplinks();
        }
        PoolSnapshot after = service.await(p -> p.network(n.uuid()).filter(x -> x.pifUuids().size() >= expected)
                .isPresent(), "uplink of " + n.uuid());
        return new MethodResult(MethodEnvironment.COMPLETED, Map.of("ResultingResourceSettings",
                SwitchManagement.portSettingsOf(after, n.uuid())));
    }

    /** RemoveResourceSettings: the VLANs or bonds behind the given host-port settings come off their switch. */
    MethodResult remove(RequestContext ctx, Map<String, Object> in) throws CimException, XenFailure {
        PoolSnapshot snap = env.pool().get();
        List<PifRecord> pifs = new ArrayList<>();
        for (Object o : EmbeddedArgs.list(in.get("ResourceSettings"))) {
            pifs.add(pif(snap, service.args().instanceId("ResourceSettings", o)));
        }
        if (pifs.isEmpty()) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "ResourceSettings: no host port settings given");
        }
        try (PoolSession s = env.sessionFor(ctx)) {
            SwitchWork work = new SwitchWork(s, snap);
            for (PifRecord p : pifs) {
                work.assertRemovable(snap.network(p.networkUuid()).orElseThrow(), p);
            }
            work.atomically(() -> {
                for (PifRecord p : pifs) {
                    work.removeUplink(p.networkUuid(), p);
                }
                return null;
            });
        }
        service.await(p -> pifs.stream().allMatch(x -> p.pif(x.uuid()).isEmpty()), "removed uplinks");
        return MethodResult.of(MethodEnvironment.COMPLETED);
    }

    /** ModifyResourceSettings: per host-port setting, a new VLAN tag (for the whole switch) or IP settings. */
    MethodResult modifyPorts(RequestContext ctx, Map<String, Object> in) throws CimException, XenFailure {
        PoolSnapshot snap = env.pool().get();
        List<CimInstance> settings = service.instances("ResourceSettings", in.get("ResourceSettings"));
        if (settings.isEmpty()) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "ResourceSettings: no host port settings given");
        }
        try (PoolSession s = env.sessionFor(ctx)) {
            SwitchWork work = new SwitchWork(s, snap);
            PortSettings ports = new PortSettings(s, work.undo());
            work.atomically(() -> {
                for (CimInstance setting : settings) {
                    PifRecord p = pif(snap, setting.get("InstanceID"));
                    retagIfAsked(work, snap, p, setting);
                    ports.apply(p, setting, snap);
                }
                return null;
            });
        }
        PoolSnapshot after = service.await(p -> settings.stream().allMatch(x -> shows(p, snap, x)), "port settings");
        List<CimObjectPath> out = new ArrayList<>();
        for (CimInstance setting : settings) {
            PifRecord p = pif(snap, setting.get("InstanceID"));
            out.addAll(SwitchManagement.portSettingsOf(after, p.networkUuid()));
        }
        return new MethodResult(MethodEnvironment.COMPLETED, Map.of("ResultingResourceSettings", out));
    }

    private static void retagIfAsked(SwitchWork work, PoolSnapshot snap, PifRecord p, CimInstance setting)
            throws XenFailure, CimException {
        Long tag = SwitchRequests.has(setting, "VlanTag") ? EmbeddedArgs.num(setting.get("VlanTag")) : null;
        if (tag == null || tag == p.vlan()) {
            return;
        }
        if (p.vlanMasterOfUuid().isEmpty()) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "host interface " + p.device()
                    + " is not a VLAN interface; its VlanTag cannot change");
        }
        if (tag < 0 || tag > 4094) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "VlanTag " + tag + " is outside 0..4094");
        }
        work.retag(snap.network(p.networkUuid()).orElseThrow(), tag);
    }

    /** The mirror shows the setting's switch with the asked tag (its PIFs were re-made when the tag changed). */
    private static boolean shows(PoolSnapshot now, PoolSnapshot before, CimInstance setting) {
        String pifUuid = EmbeddedArgs.deviceOf(setting.get("InstanceID"));
        PifRecord old = before.pif(pifUuid == null ? "" : pifUuid).orElse(null);
        if (old == null) {
            return true;
        }
        Long tag = SwitchRequests.has(setting, "VlanTag") ? EmbeddedArgs.num(setting.get("VlanTag")) : null;
        if (tag != null && tag != old.vlan()) {
            // every host's VLAN interface re-made: as many as before (one host's new one alone, the others
            // still on their way, was taken for the whole switch under load), all with the new tag
            int before0 = before.network(old.networkUuid()).map(n -> n.pifUuids().size()).orElse(0);
            return now.network(old.networkUuid()).map(n -> n.pifUuids().size() >= before0 && n.pifUuids().stream()
                    .map(now::pif).allMatch(p -> p.isPresent() && (p.get().vlan() == tag || p.get().vlan() < 0)))
                    .orElse(true);
        }
        return PortSettings.shows(now, old, setting);
    }

    MethodResult modifySystem(RequestContext ctx, Map<String, Object> in) throws CimException, XenFailure {
        CimInstance vssd = service.args().instance("SystemSettings", in.get("SystemSettings"));
        if (vssd == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "SystemSettings is required");
        }
        NetworkRecord n = service.network(vssd, "SystemSettings");
        SwitchRequests.SwitchSpec spec = SwitchRequests.spec(vssd);
        try (PoolSession s = env.sessionFor(ctx)) {
            SwitchWork work = new SwitchWork(s, env.pool().get());
            work.atomically(() -> {
                applySystem(s, work, n, spec);
                return null;
            });
        }
        service.await(p -> p.network(n.uuid()).filter(x -> (spec.name() == null || spec.name().equals(x.nameLabel()))
                && (spec.description() == null || spec.description().equals(x.nameDescription()))
                && (spec.mtu() == null || spec.mtu() == x.mtu())).isPresent(), "settings of " + n.uuid());
        return MethodResult.of(MethodEnvironment.COMPLETED);
    }

    private static void applySystem(PoolSession s, SwitchWork work, NetworkRecord n, SwitchRequests.SwitchSpec spec)
            throws XenFailure {
        FieldOps f = s.fields();
        if (spec.name() != null && !spec.name().equals(n.nameLabel())) {
            f.set(FieldOps.Target.NETWORK, n.uuid(), "name_label", spec.name());
            work.undo().push("name", () -> f.set(FieldOps.Target.NETWORK, n.uuid(), "name_label", n.nameLabel()));
        }
        if (spec.description() != null && !spec.description().equals(n.nameDescription())) {
            f.set(FieldOps.Target.NETWORK, n.uuid(), "name_description", spec.description());
            work.undo().push("description", () -> f.set(FieldOps.Target.NETWORK, n.uuid(), "name_description",
                    n.nameDescription()));
        }
        if (spec.mtu() != null && spec.mtu() != n.mtu()) {
            s.networks().setMtu(n.uuid(), spec.mtu());
            work.undo().push("MTU", () -> s.networks().setMtu(n.uuid(), n.mtu()));
        }
        if (spec.bondMode() != null) {
            for (BondRecord b : work.bondsOf(n)) {
                if (!Objects.equals(b.mode(), spec.bondMode())) {
                    s.networks().setBondMode(b.uuid(), spec.bondMode());
                    work.undo().push("bond mode", () -> s.networks().setBondMode(b.uuid(), b.mode()));
                }
            }
        }
    }

    /** The PIF a {@code Xen:<host>/<pif>} InstanceID names. */
    private static PifRecord pif(PoolSnapshot snap, Object instanceId) throws CimException {
        String uuid = EmbeddedArgs.deviceOf(instanceId);
        return snap.pif(uuid == null ? "" : uuid).orElseThrow(() -> new CimException(CimStatus.NOT_FOUND,
                "no host network port " + instanceId));
    }
}
