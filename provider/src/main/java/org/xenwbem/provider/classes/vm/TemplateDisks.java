package org.xenwbem.provider.classes.vm;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VbdRecord;
import org.xenwbem.bridge.ops.DeviceOps;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.bridge.storage.Capabilities.Operation;
import org.xenwbem.bridge.storage.SrDisk;
import org.xenwbem.bridge.storage.StorageFailure;
import org.xenwbem.provider.classes.storage.OffloadRefs;
import org.xenwbem.provider.jobs.JobContext;
import org.xenwbem.provider.jobs.JobFailure;
import org.xenwbem.provider.methods.CreatedObjects;
import org.xenwbem.provider.methods.MethodEnvironment;

/**
 * The fallback for a xapi that takes no {@code ignore_vdis} in VM.snapshot (before 8.3; otherwise
 * {@link ArrayBuilds} makes the snapshot without xapi copying its disks): xapi's {@code VM.snapshot}
 * made the snapshot with its own snapshots of the VM's disks; each disk on an SR an array serves is
 * then snapshotted by the array (an RBD snapshot {@code snap-<uuid>} and its clone {@code VHD-<uuid>},
 * a reflink; xapi learns it by SR.scan, named as its own), the snapshot's drive is pointed at it (same
 * device, mode and bootable flag) and xapi's copy destroyed. Disks on other SRs keep xapi's snapshot.
 * Anything made here is recorded so that a failure undoes it with the snapshot.
 */
final class TemplateDisks {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateDisks.class);

    private final MethodEnvironment env;

    TemplateDisks(MethodEnvironment env) {
        this.env = env;
    }

    /**
     * The disks of {@code snapshot}, a snapshot of {@code vm} xapi just made, made again by the arrays;
     * returns the StoragePath: each path taken ({@code offload:<adapter>}, {@code xapi:VM.snapshot}),
     * comma-separated, or empty without disks.
     */
    String snapshotOnArrays(JobContext jc, String vm, String snapshot, CreatedObjects created)
            throws XenFailure, JobFailure {
        return onArrays(jc, vm, snapshot, created, Operation.SNAPSHOT);
    }

    private String onArrays(JobContext jc, String template, String vm, CreatedObjects created, Operation op)
            throws XenFailure, JobFailure {
        PoolSnapshot s = env.pool().get();
        Map<String, VbdRecord> templateDisks = s.vbdsOf(template).stream()
                .filter(v -> v.type() == VbdRecord.Type.Disk && !v.empty() && v.vdiUuid() != null)
                .collect(Collectors.toMap(VbdRecord::userdevice, Function.identity(), (a, b) -> a));
        Set<String> paths = new LinkedHashSet<>();
        for (DeviceOps.Drive d : jc.session().devices().drivesOf(vm)) {
            VbdRecord t = templateDisks.get(d.userdevice());
            if (t == null || d.vdi() == null || !"Disk".equalsIgnoreCase(d.type())) {
                continue;
            }
            Optional<SrDisk.Disk> disk = s.vdi(t.vdiUuid()).flatMap(v -> OffloadRefs.disk(s, v));
            if (disk.isEmpty() || !env.offload().capabilitiesOf(disk.get().sr()).offloads(op)) {
                paths.add(op == Operation.CLONE ? "xapi:VM.clone" : "xapi:VM.snapshot");
                continue;
            }
            paths.add(reclone(jc, vm, d, t, disk.get(), created, op));
        }
        return String.join(",", paths);
    }

    private String reclone(JobContext jc, String vm, DeviceOps.Drive drive, VbdRecord t, SrDisk.Disk disk,
                           CreatedObjects created, Operation op) throws XenFailure, JobFailure {
        SrDisk.Outcome o;
        try {
            o = op == Operation.CLONE ? env.offload().clone(jc.session(), disk)
                    : env.offload().snapshot(jc.session(), disk);
        } catch (StorageFailure f) {
            throw new JobFailure((int) MethodEnvironment.FAILED, "the array (" + f.adapter() + ") failed to "
                    + op.name().toLowerCase(java.util.Locale.ROOT) + " disk " + disk.vdiUuid() + ": " + f.getMessage());
        }
        created.vdi(drive.vdi()); // xapi's copy, made for this VM: gone if anything below fails
        ArrayBuilds.recordMade(env, created, o, disk);
        DeviceOps d = jc.session().devices();
        d.destroyVbd(drive.vbd());
        created.vbd(d.createVbd(vm, o.vdiUuid(), drive.userdevice(), t.bootable(), t.mode().name(), "Disk"));
        d.destroyVdi(drive.vdi());
        LOG.info("disk {} of VM {} made from {} by {} ({})", o.vdiUuid(), vm, disk.vdiUuid(), o.path(), op);
        return OffloadRefs.path(o, op == Operation.CLONE ? "VDI.clone" : "VDI.snapshot");
    }
}
