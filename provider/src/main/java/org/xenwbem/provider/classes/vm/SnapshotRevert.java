package org.xenwbem.provider.classes.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.VbdRecord;
import org.xenwbem.bridge.ops.DeviceOps;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.bridge.storage.Capabilities;
import org.xenwbem.bridge.storage.SrDisk;
import org.xenwbem.bridge.storage.StorageFailure;
import org.xenwbem.provider.classes.storage.OffloadRefs;
import org.xenwbem.provider.jobs.JobContext;
import org.xenwbem.provider.jobs.JobFailure;
import org.xenwbem.provider.methods.MethodEnvironment;

/**
 * ApplySnapshot ({@code VM.revert}) of a VM whose disks are on SRs an array serves. xapi's revert
 * destroys the VM's disks by VDI.destroy, which an array refuses or leaks on (an RBD image carrying the
 * protected {@code snap-<uuid>} of an offloaded snapshot cannot be removed that way). So those disks are
 * detached first, xapi reverts (cloning the snapshot's disks through the SR), and the old disks are then
 * deleted through the offload layer, which takes the array's own objects with them (an RBD snapshot's
 * clone is flattened first, so the snapshot keeps its bytes). Should the revert fail, the detached
 * disks are attached again as they were (a running VM stays halted, as after a failed xapi revert).
 * A VM with no such disk is reverted by xapi alone.
 */
final class SnapshotRevert {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotRevert.class);

    private final MethodEnvironment env;

    SnapshotRevert(MethodEnvironment env) {
        this.env = env;
    }

    /** A drive detached before the revert, with what re-attaching it needs. */
    private record Detached(VbdRecord vbd, SrDisk.Disk disk) {
    }

    void revert(JobContext jc, PoolSnapshot s, String vm, String snapshot, java.time.Duration timeout)
            throws XenFailure, JobFailure {
        PoolSession session = jc.session();
        List<Detached> ours = new ArrayList<>();
        List<String> vbds = new ArrayList<>();
        for (DeviceOps.Drive d : session.devices().drivesOf(vm)) {
            Optional<Detached> a = arrayDrive(s, vm, d);
            if (a.isPresent()) {
                ours.add(a.get());
                vbds.add(d.vbd());
            }
        }
        if (ours.isEmpty()) {
            jc.follow(session.vms().revert(snapshot), 0, 100, timeout);
            return;
        }
        if (s.vm(vm).map(r -> r.powerState() != PowerState.Halted).orElse(false)) {
            jc.follow(session.vms().power(org.xenwbem.bridge.ops.VmOps.Power.HARD_SHUTDOWN, vm), 0, 10, timeout); // as xapi's revert does first
        }
        List<Detached> detached = new ArrayList<>();
        try {
            for (int i = 0; i < ours.size(); i++) {
                session.devices().destroyVbd(vbds.get(i));
                detached.add(ours.get(i));
            }
            jc.follow(session.vms().revert(snapshot), 10, 90, timeout);
        } catch (XenFailure | JobFailure | RuntimeException e) {
            reattach(session, vm, detached);
            throw e;
        }
        for (Detached d : detached) {
            try {
                env.offload().delete(session, d.disk());
            } catch (StorageFailure f) {
                throw new JobFailure((int) MethodEnvironment.FAILED, "the VM is reverted but the array (" + f.adapter()
                        + ") failed to delete its former disk " + d.disk().vdiUuid() + ": " + f.getMessage());
            }
        }
    }

    /** The VM's own disk on an SR an array serves, as the mirror knows its drive; empty for any other drive. */
    private Optional<Detached> arrayDrive(PoolSnapshot s, String vm, DeviceOps.Drive d) {
        if (d.vdi() == null || !"Disk".equalsIgnoreCase(d.type()) || d.vdiSharable() || d.vdiUsers() > 1) {
            return Optional.empty();
        }
        Optional<VbdRecord> vbd = s.vbdsOf(vm).stream().filter(v -> v.uuid().equals(d.vbd())).findFirst();
        Optional<SrDisk.Disk> disk = s.vdi(d.vdi()).flatMap(v -> OffloadRefs.disk(s, v))
                .filter(k -> env.offload().capabilitiesOf(k.sr()).offloads(Capabilities.Operation.DELETE));
        return vbd.isPresent() && disk.isPresent() ? Optional.of(new Detached(vbd.get(), disk.get())) : Optional.empty();
    }

    private static void reattach(PoolSession session, String vm, List<Detached> detached) {
        for (Detached d : detached) {
            try {
                session.devices().createVbd(vm, d.disk().vdiUuid(), d.vbd().userdevice(), d.vbd().bootable(),
                        d.vbd().mode().name(), "Disk");
            } catch (XenFailure | RuntimeException e) {
                LOG.warn("after a failed revert, disk {} could not be attached again to VM {}: {}", d.disk().vdiUuid(),
                        vm, e.getMessage());
            }
        }
    }
}
