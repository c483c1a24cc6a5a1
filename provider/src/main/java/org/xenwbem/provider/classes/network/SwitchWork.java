package org.xenwbem.provider.classes.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xenwbem.bridge.BondRecord;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.NetworkRecord;
import org.xenwbem.bridge.PifRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.VifRecord;
import org.xenwbem.bridge.VlanRecord;
import org.xenwbem.bridge.ops.NetworkOps;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;

/**
 * The XenAPI steps behind the switch service (anchor §5.7), on the caller's session: a switch is a
 * network; it reaches the hosts through a VLAN on each host's NIC of that name, or a bond of each host's
 * NICs of those names (the anchor did the same on every host that has them). Every step is recorded in
 * {@link Undo} so that a failure midway leaves the pool as it was; the plan is read from the mirror.
 */
final class SwitchWork {
    private final NetworkOps net;
    private final PoolSnapshot snap;
    private final Undo undo = new Undo();
    private int uplinks;

    SwitchWork(PoolSession session, PoolSnapshot snap) {
        this.net = session.networks();
        this.snap = snap;
    }

    /** Runs {@code body}; on any failure reverses what it did, then lets the failure through. */
    <T> T atomically(Body<T> body) throws XenFailure, CimException {
        try {
            return body.run();
        } catch (XenFailure | CimException | RuntimeException e) {
            undo.run();
            throw e;
        }
    }

    /** A unit of switch work. */
    @FunctionalInterface
    interface Body<T> {
        T run() throws XenFailure, CimException;
    }

    Undo undo() {
        return undo;
    }

    /** How many VLANs and bonds this work has made (one PIF each on the switch). */
    int uplinks() {
        return uplinks;
    }

    /** network.create, then the uplink; returns the network's uuid. */
    String createSwitch(SwitchRequests.SwitchSpec spec, SwitchRequests.Uplink uplink) throws XenFailure, CimException {
        String name = spec.name() == null ? "New switch" : spec.name();
        long mtu = spec.mtu() == null ? SwitchRequests.DEFAULT_MTU : spec.mtu();
        String uuid = net.createNetwork(name, spec.description() == null ? "" : spec.description(), mtu,
                spec.otherConfig());
        undo.push("network " + uuid, () -> net.destroyNetwork(uuid));
        if (uplink != null) {
            connect(uuid, uplink, spec.bondMode());
        }
        return uuid;
    }

    /** A VLAN or a bond on every host that has the NICs; INVALID_PARAMETER when none has. */
    void connect(String network, SwitchRequests.Uplink uplink, String bondMode) throws XenFailure, CimException {
        int made = 0;
        for (HostRecord h : snap.hosts()) {
            List<String> members = new ArrayList<>();
            for (String device : uplink.devices()) {
                uplinkPif(h.uuid(), device).ifPresent(p -> members.add(p.uuid()));
            }
            if (members.size() != uplink.devices().size()) {
                continue;
            }
            if (uplink.bond()) {
                assertNoVlansMove(h, members);
                String mode = bondMode == null ? SwitchRequests.BOND_MODES.get(0) : bondMode;
                String bond = net.createBond(network, members, mode);
                undo.push("bond " + bond, () -> net.destroyBond(bond));
            } else {
                String vlan = net.createVlan(members.get(0), uplink.vlan(), network);
                undo.push("VLAN " + vlan, () -> net.destroyVlan(vlan));
            }
            made++;
        }
        uplinks += made;
        if (made == 0) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "no host has " + (uplink.bond()
                    ? "all of the interfaces " + uplink.devices() + " free to bond" : "an interface " + uplink.devices()));
        }
    }

    /**
     * xapi moves the VLANs of a bond's members onto the bond and, when the bond goes, onto its primary
     * member (the management interface, else the first): a VLAN on another member would not come back
     * where it was, so bonding such a NIC is refused with the reason.
     */
    private void assertNoVlansMove(HostRecord h, List<String> members) throws CimException {
        String primary = members.stream().filter(m -> snap.pif(m).map(PifRecord::management).orElse(false))
                .findFirst().orElse(members.get(0));
        for (String m : members) {
            PifRecord p = snap.pif(m).orElseThrow();
            boolean carries = snap.vlans().stream().anyMatch(v -> v.taggedPifUuid().equals(m));
            if (carries && !m.equals(primary)) {
                throw new CimException(CimStatus.FAILED, "host interface " + p.device() + " of host " + h.nameLabel()
                        + " carries VLAN switches; in a bond they would move to the bond and later to "
                        + snap.pif(primary).map(PifRecord::device).orElse(primary) + ". Remove them first");
            }
        }
    }

    /** A NIC (or bond master) of the host named {@code device}, not a VLAN and not bonded. */
    private Optional<PifRecord> uplinkPif(String host, String device) {
        return snap.pifsOf(host).stream().filter(p -> p.device().equals(device) && p.vlan() < 0
                && p.bondSlaveOfUuid().isEmpty()).findFirst();
    }

    /** Takes every VLAN and bond off the switch; a host NIC's own switch or the management network is refused. */
    void disconnect(NetworkRecord n) throws XenFailure, CimException {
        for (String pifUuid : n.pifUuids()) {
            PifRecord p = snap.pif(pifUuid).orElse(null);
            if (p != null) {
                assertRemovable(n, p);
            }
        }
        for (String pifUuid : n.pifUuids()) {
            Optional<PifRecord> p = snap.pif(pifUuid);
            if (p.isPresent()) {
                removeUplink(n.uuid(), p.get());
            }
        }
    }

    /** Removes the VLAN or bond behind one PIF of the switch, recording how to put it back. */
    void removeUplink(String network, PifRecord p) throws XenFailure {
        if (!p.vlanMasterOfUuid().isEmpty()) {
            VlanRecord v = snap.vlans().stream().filter(x -> x.uuid().equals(p.vlanMasterOfUuid())).findFirst()
                    .orElseThrow();
            net.destroyVlan(v.uuid());
            undo.push("VLAN on " + v.taggedPifUuid(), () -> net.createVlan(v.taggedPifUuid(), v.tag(), network));
        } else if (!p.bondMasterOfUuids().isEmpty()) {
            BondRecord b = bond(p.bondMasterOfUuids().get(0)).orElseThrow();
            net.destroyBond(b.uuid());
            undo.push("bond of " + b.slavePifUuids(), () -> net.createBond(network, b.slavePifUuids(), b.mode()));
        }
    }

    /**
     * FAILED with the reason when the PIF is a NIC's own interface, or the host's management interface on a
     * VLAN (a bond is fine: xapi hands its management role back to the bond's primary member).
     */
    void assertRemovable(NetworkRecord n, PifRecord p) throws CimException {
        String host = snap.host(p.hostUuid()).map(HostRecord::nameLabel).orElse(p.hostUuid());
        if (p.management() && p.bondMasterOfUuids().isEmpty()) {
            throw new CimException(CimStatus.FAILED, "switch " + n.nameLabel() + " carries the management interface "
                    + p.device() + " of host " + host + "; removing it would cut the host off the pool");
        }
        if (p.vlanMasterOfUuid().isEmpty() && p.bondMasterOfUuids().isEmpty()) {
            throw new CimException(CimStatus.FAILED, "switch " + n.nameLabel() + " is the own switch of host interface "
                    + p.device() + " on host " + host + " (XenAPI NETWORK_CONTAINS_PIF); it cannot be removed");
        }
    }

    /** FAILED naming the running VMs whose NICs are on the switch. */
    void assertUnused(NetworkRecord n) throws CimException {
        List<String> users = new ArrayList<>();
        for (VifRecord v : snap.vifs()) {
            if (v.networkUuid().equals(n.uuid()) && v.currentlyAttached()) {
                snap.vm(v.vmUuid()).filter(vm -> vm.powerState() != PowerState.Halted)
                        .ifPresent(vm -> users.add(vm.nameLabel() + " (NIC " + v.device() + ")"));
            }
        }
        if (!users.isEmpty()) {
            throw new CimException(CimStatus.FAILED, "switch " + n.nameLabel() + " is in use by running VMs: "
                    + String.join(", ", users) + " (XenAPI NETWORK_CONTAINS_VIF); shut them down or move their NICs first");
        }
    }

    /** Every VLAN of the switch re-made with {@code tag} on the same NICs. */
    void retag(NetworkRecord n, long tag) throws XenFailure, CimException {
        for (String pifUuid : n.pifUuids()) {
            PifRecord p = snap.pif(pifUuid).orElse(null);
            if (p == null || p.vlanMasterOfUuid().isEmpty() || p.vlan() == tag) {
                continue;
            }
            VlanRecord v = snap.vlans().stream().filter(x -> x.uuid().equals(p.vlanMasterOfUuid())).findFirst()
                    .orElseThrow();
            net.destroyVlan(v.uuid());
            undo.push("VLAN " + v.tag() + " on " + v.taggedPifUuid(),
                    () -> net.createVlan(v.taggedPifUuid(), v.tag(), n.uuid()));
            String made = net.createVlan(v.taggedPifUuid(), tag, n.uuid());
            undo.push("VLAN " + made, () -> net.destroyVlan(made));
        }
    }

    Optional<BondRecord> bond(String uuid) {
        return snap.bonds().stream().filter(b -> b.uuid().equals(uuid)).findFirst();
    }

    /** The bonds whose master PIF is on the switch. */
    List<BondRecord> bondsOf(NetworkRecord n) {
        return snap.bonds().stream().filter(b -> n.pifUuids().contains(b.masterPifUuid())).toList();
    }
}
