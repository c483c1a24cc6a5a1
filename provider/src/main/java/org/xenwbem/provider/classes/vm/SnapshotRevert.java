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
import org.xenwbem.provider.methods.CreatedObjects;
import org.xenwbem.provider.methods.MethodEnvironment;

/**
 * ApplySnapshot ({@code VM.revert}) of a VM whose disks, or whose snapshot's disks, are on SRs an array
 * serves. The revert's new disks are the arrays' clones of the snapshot's disks, made first; the
 * snapshot's drives for them are detached during xapi's revert, so xapi clones only the other disks,
 * and attached to the snapshot again after it; the clones are then attached to the VM. xapi's revert
 * destroys the VM's disks by VDI.destroy, which an array refuses or leaks on (an RBD image carrying the
 * {@code snap-<uuid>} of an offloaded snapshot cannot be removed that way): those are detached first and
 * deleted after the revert through the offload layer, which takes the array's own objects with them (an
 * RBD snapshot's clone is flattened first, so the snapshot keeps its bytes). Should any step fail, the
 * clones are deleted, and the detached drives attached again as they were (a running VM stays halted,
 * as after a failed xapi revert; a failure after xapi's revert leaves the VM's settings reverted with its
 * former disks). A VM with no such disk is reverted by xapi alone.
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
        for (DeviceOps.Drive d : session.devices().drivesOf(vm)) {
            arrayDrive(s, vm, d).ifPresent(ours::add);
        }
        List<Detached> theirs = snapshotDrives(s, snapshot);
        if (ours.isEmpty() && theirs.isEmpty()) {
            jc.follow(session.vms().revert(snapshot), 0, 100, timeout);
            return;
        }
        if (s.vm(vm).map(r -> r.powerState() != PowerState.Halted).orElse(false)) {
            jc.follow(session.vms().power(org.xenwbem.bridge.ops.VmOps.Power.HARD_SHUTDOWN, vm), 0, 10, timeout); // as xapi's revert does first
        }
        CreatedObjects made = new CreatedObjects();
        List<Detached> detached = new ArrayList<>();
        List<Detached> lent = new ArrayList<>();
        try {
            List<SrDisk.Outcome> fresh = cloneOnArrays(session, theirs, made);
            detach(session, ours, detached);
            detach(session, theirs, lent);
            jc.follow(session.vms().revert(snapshot), 10, 90, timeout);
            for (int i = 0; i < fresh.size(); i++) {
                VbdRecord t = theirs.get(i).vbd();
                made.vbd(session.devices().createVbd(vm, fresh.get(i).vdiUuid(), t.userdevice(), t.bootable(),
                        t.mode().name(), "Disk"));
            }
        } catch (XenFailure | JobFailure | RuntimeException e) {
            made.undo(session);
            reattach(session, vm, detached);
            throw e;
        } finally {
            reattach(session, snapshot, lent);
        }
        deleteFormer(session, detached);
    }

    /** The snapshot's disks on SRs whose array clones them: the revert's new disks are the array's clones of them. */
    private List<Detached> snapshotDrives(PoolSnapshot s, String snapshot) {
        List<Detached> out = new ArrayList<>();
        for (VbdRecord v : s.vbdsOf(snapshot)) {
            if (v.type() == VbdRecord.Type.Disk && !v.empty() && v.vdiUuid() != null) {
                s.vdi(v.vdiUuid()).flatMap(d -> OffloadRefs.disk(s, d))
                        .filter(k -> env.offload().capabilitiesOf(k.sr()).offloads(Capabilities.Operation.CLONE))
                        .ifPresent(k -> out.add(new Detached(v, k)));
            }
        }
        return out;
    }

    /** The array's clone of each snapshot disk, recorded in {@code made} (undone by the array). */
    private List<SrDisk.Outcome> cloneOnArrays(PoolSession session, List<Detached> theirs, CreatedObjects made)
            throws XenFailure, JobFailure {
        List<SrDisk.Outcome> out = new ArrayList<>();
        for (Detached d : theirs) {
            SrDisk.Outcome o;
            try {
                o = env.offload().clone(session, d.disk());
            } catch (StorageFailure f) {
                throw new JobFailure((int) MethodEnvironment.FAILED, "the array (" + f.adapter()
                        + ") failed to clone snapshot disk " + d.disk().vdiUuid() + ": " + f.getMessage());
            }
            SrDisk.Disk disk = new SrDisk.Disk(o.vdiUuid(), d.disk().sr(), "", "", java.util.Map.of());
            if (o.offloaded()) {
                made.vdi(o.vdiUuid(), ps -> deleteQuietly(ps, disk));
            } else {
                made.vdi(o.vdiUuid());
            }
            out.add(o);
        }
        return out;
    }

    private void deleteQuietly(PoolSession session, SrDisk.Disk disk) throws XenFailure {
        try {
            env.offload().delete(session, disk);
        } catch (StorageFailure f) {
            LOG.warn("{} could not delete disk {} after a failed revert: {}", f.adapter(), disk.vdiUuid(), f.getMessage());
        }
    }

    private static void detach(PoolSession session, List<Detached> drives, List<Detached> detached) throws XenFailure {
        for (Detached d : drives) {
            session.devices().destroyVbd(d.vbd().uuid());
            detached.add(d);
        }
    }

    /** The VM's former disks, deleted through the offload layer (with the array's own objects for them). */
    private void deleteFormer(PoolSession session, List<Detached> detached) throws XenFailure, JobFailure {
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

    /** Attaches the detached drives to {@code vm} again as they were (device, mode, bootable). */
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
