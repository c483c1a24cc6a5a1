package org.xenwbem.provider.classes.vm;

import java.time.Duration;
import org.xenwbem.provider.classes.common.Ids;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.VbdRecord;
import org.xenwbem.bridge.VdiRecord;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.bridge.ops.DeviceOps;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.bridge.storage.OffloadedDisks;
import org.xenwbem.bridge.storage.Capabilities.Operation;
import org.xenwbem.bridge.storage.SrDisk;
import org.xenwbem.bridge.storage.StorageFailure;
import org.xenwbem.provider.classes.storage.DiskExposure;
import org.xenwbem.provider.classes.storage.ForestExport;
import org.xenwbem.provider.classes.storage.ForestImport;
import org.xenwbem.provider.classes.storage.OffloadRefs;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.jobs.JobContext;
import org.xenwbem.provider.jobs.JobFailure;
import org.xenwbem.provider.jobs.JobManager;
import org.xenwbem.provider.jobs.JobWork;
import org.xenwbem.provider.methods.MethodTable;
import org.xenwbem.provider.methods.TabledMethods;
import org.xenwbem.provider.methods.CreatedObjects;
import org.xenwbem.provider.methods.FabricRefs;
import org.xenwbem.provider.methods.MethodEnvironment;
import org.xenwbem.provider.methods.Rbac;

/**
 * {@code Xen_VirtualSystemSnapshotService} (anchor §5.5), the checkpoint methods:
 * <ul>
 * <li>CreateSnapshot: SnapshotType 2 (Full, with memory) of a running VM is {@code VM.checkpoint},
 * anything else {@code VM.snapshot}, whose disks the storage arrays then make where the offload layer
 * serves their SRs (the job's StoragePath); the name is SnapshotSettings' ElementName. It runs as a job (so
 * it queues behind the VM's other operations) but the call waits up to {@link #SYNC_WAIT}: done by
 * then, it answers 0 and ResultingSnapshot ({@code Xen_ComputerSystemSnapshot}, InstanceID
 * {@code Xen:<uuid>}) as the anchor did; otherwise 4096 and the Job, whose result is the snapshot.</li>
 * <li>ApplySnapshot: {@code VM.revert}, as a job; the VM's disks on SRs an array serves are deleted
 * through the offload layer ({@link SnapshotRevert}).</li>
 * <li>DestroySnapshot: {@code VM.destroy} of the snapshot, then its own disks (through the offload layer
 * for those an array made), as a job.</li>
 * </ul>
 * All three need vm-power-admin (xapi's role for VM.snapshot, checkpoint and revert). The snapshot
 * forest export and import (vm-admin) are {@link ForestExport} and {@link ForestImport}.
 */
public final class SnapshotService implements TabledMethods {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotService.class);
    static final String CLASS = "Xen_VirtualSystemSnapshotService";
    static final String JOB_CLASS = "Xen_VirtualSystemManagementServiceJob";
    static final String SNAPSHOT_CLASS = "Xen_ComputerSystemSnapshot";
    static final Duration SYNC_WAIT = Duration.ofSeconds(20);
    private static final long FULL_SNAPSHOT = 2;
    private static final Duration TIMEOUT = Duration.ofHours(1);

    private static final String SNAPSHOTTING = "snapshot, revert or delete snapshots of a VM";

    private final MethodEnvironment env;
    private final MethodTable methods;

    public SnapshotService(MethodEnvironment env) {
        this(env, DiskExposure.NONE);
    }

    /** The service; the snapshot forest's disks are exposed through {@code disks}. */
    public SnapshotService(MethodEnvironment env, DiskExposure disks) {
        this.env = env;
        MethodTable table = MethodTable.of(CLASS)
                .method("CreateSnapshot", Rbac.VM_POWER_ADMIN, SNAPSHOTTING,
                        (ctx, target, method, in) -> create(ctx, env.pool().get(), in))
                .method("ApplySnapshot", Rbac.VM_POWER_ADMIN, SNAPSHOTTING, (ctx, target, method, in) ->
                        apply(ctx, FabricRefs.snapshot(env.pool().get(), in.get("Snapshot"), "Snapshot")))
                .method("DestroySnapshot", Rbac.VM_POWER_ADMIN, SNAPSHOTTING, (ctx, target, method, in) -> {
                    PoolSnapshot s = env.pool().get();
                    return destroy(ctx, s, FabricRefs.snapshot(s, in.get("AffectedSnapshot"), "AffectedSnapshot"));
                })
                .otherwise(Rbac.VM_OPERATOR, "invoke {method}",
                        (ctx, target, method, in) -> MethodResult.of(MethodEnvironment.NOT_SUPPORTED));
        this.methods = new ForestImport(env).addTo(new ForestExport(env, disks).addTo(table));
    }

    @Override
    public MethodTable methods() {
        return methods;
    }

    private MethodResult create(RequestContext ctx, PoolSnapshot s, Map<String, Object> in)
            throws CimException, XenFailure {
        VmRecord vm = FabricRefs.guest(s, in.get("AffectedSystem"), "AffectedSystem");
        boolean checkpoint = in.get("SnapshotType") instanceof Number t && t.longValue() == FULL_SNAPSHOT
                && vm.powerState() == PowerState.Running;
        String name = name(in.get("SnapshotSettings"), vm);
        CompletableFuture<String> made = new CompletableFuture<>();
        CompletableFuture<String> task = new CompletableFuture<>();
        JobWork work = jc -> {
            try {
                String uuid = checkpoint ? jc.follow(jc.session().vms().checkpoint(vm.uuid(), name), 0, 100, TIMEOUT)
                        : snapshotVm(jc, vm.uuid(), name, task);
                made.complete(uuid);
                return uuid;
            } catch (XenFailure | JobFailure | RuntimeException e) {
                made.completeExceptionally(e);
                throw e;
            } finally {
                made.complete("");
            }
        };
        JobManager.JobRef job = env.jobs().submit(JOB_CLASS, vm.uuid(), "CreateSnapshot",
                (checkpoint ? "checkpoint" : "snapshot") + " '" + name + "' of VM " + vm.nameLabel(),
                env.sessionFor(ctx), work);
        task.complete(job.taskUuid());
        try {
            String uuid = made.get(SYNC_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (uuid.isEmpty()) {
                return MethodEnvironment.jobStarted(job);
            }
            return new MethodResult(MethodEnvironment.COMPLETED, Map.of("ResultingSnapshot", snapshotPath(uuid)));
        } catch (TimeoutException e) {
            return MethodEnvironment.jobStarted(job);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof XenFailure f) {
                throw MethodEnvironment.toCim(f);
            }
            if (e.getCause() instanceof JobFailure f) {
                throw new CimException(CimStatus.FAILED, "CreateSnapshot failed: " + f.getMessage());
            }
            throw new CimException(CimStatus.FAILED, "CreateSnapshot failed: " + e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MethodEnvironment.jobStarted(job);
        }
    }

    /**
     * A snapshot whose disks on SRs an array serves are the arrays' snapshots, never copied by xapi
     * first: VM.snapshot with ignore_vdis, then the arrays' ({@link ArrayBuilds}). A xapi that takes no
     * ignore_vdis (before 8.3) snapshots every disk; the arrays' then replace its copies
     * ({@link #onArrays}). Should any step fail, the snapshot goes with whatever was made for it.
     */
    private String snapshotVm(JobContext jc, String vm, String name, CompletableFuture<String> task)
            throws XenFailure, JobFailure {
        PoolSnapshot s = env.pool().get();
        ArrayBuilds builds = new ArrayBuilds(env);
        List<SrDisk.Disk> arrayDisks = builds.offloadable(s, vm, Operation.SNAPSHOT);
        if (!arrayDisks.isEmpty()) {
            CreatedObjects created = new CreatedObjects();
            String[] path = {""};
            try {
                String snap = builds.snapshot(jc, s, vm, name, arrayDisks, created, path);
                recordPath(snap, path[0], task);
                return snap;
            } catch (XenFailure f) {
                created.undo(jc.session());
                if (!"MESSAGE_PARAMETER_COUNT_MISMATCH".equals(f.code())) {
                    throw f;
                }
                LOG.info("xapi takes no ignore_vdis: VM {} is snapshotted by xapi, then its disks by the arrays", vm);
            } catch (JobFailure | RuntimeException e) {
                created.undo(jc.session());
                throw e;
            }
        }
        String uuid = jc.follow(jc.session().vms().snapshot(vm, name), 0, 60, TIMEOUT);
        onArrays(jc, vm, uuid, task);
        return uuid;
    }

    /**
     * The snapshot's disks made again by the arrays that serve their SRs ({@link TemplateDisks}); the job's
     * StoragePath says which path each took. Should that fail, the snapshot is removed with its disks.
     * Not for a checkpoint: its memory image belongs to the disks xapi snapshotted while the VM was paused.
     */
    private void onArrays(JobContext jc, String vm, String snapshot, CompletableFuture<String> task)
            throws XenFailure, JobFailure {
        CreatedObjects created = new CreatedObjects();
        created.vm(snapshot);
        String path;
        try {
            path = new TemplateDisks(env).snapshotOnArrays(jc, vm, snapshot, created);
        } catch (XenFailure | JobFailure | RuntimeException e) {
            created.undo(jc.session());
            throw e;
        }
        jc.progress(95);
        recordPath(snapshot, path, task);
    }

    /** The job's StoragePath, on its task; nothing when the snapshot has no disk. */
    private void recordPath(String snapshot, String path, CompletableFuture<String> task) {
        if (path.isEmpty()) {
            return;
        }
        try {
            env.jobs().record(task.get(30, TimeUnit.SECONDS),
                    Map.of("StoragePath", path));
        } catch (XenFailure | ExecutionException | TimeoutException e) {
            LOG.warn("could not record the storage path of snapshot {}: {}", snapshot, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private MethodResult apply(RequestContext ctx, VmRecord snap) throws CimException, XenFailure {
        JobManager.JobRef job = env.jobs().submit(JOB_CLASS, owner(snap), "ApplySnapshot",
                "revert to snapshot " + snap.nameLabel(), env.sessionFor(ctx),
                jc -> {
                    String vm = snap.snapshotOfUuid();
                    if (vm == null || vm.isEmpty()) {
                        jc.follow(jc.session().vms().revert(snap.uuid()), 0, 100, TIMEOUT);
                    } else {
                        new SnapshotRevert(env).revert(jc, env.pool().get(), vm, snap.uuid(), TIMEOUT);
                    }
                    return "";
                });
        return MethodEnvironment.jobStarted(job);
    }

    /**
     * The snapshot VM first (its VBDs go with it), then the disks that were its own: those an array
     * made (other-config {@code xenwbem-offload} / {@code xenwbem-snapshot-of}) through the offload
     * layer's delete, so the array's snapshot object (an RBD {@code snap-<uuid>} on the VM's image) goes
     * with its clone; the others by xapi's VDI.destroy.
     */
    private MethodResult destroy(RequestContext ctx, PoolSnapshot s, VmRecord snap) throws CimException, XenFailure {
        Set<String> known = new LinkedHashSet<>();
        for (VbdRecord vbd : s.vbdsOf(snap.uuid())) {
            if (vbd.type() == VbdRecord.Type.Disk && !vbd.empty() && vbd.vdiUuid() != null && !vbd.vdiUuid().isEmpty()) {
                known.add(vbd.vdiUuid());
            }
        }
        JobManager.JobRef job = env.jobs().submit(JOB_CLASS, owner(snap), "DestroySnapshot",
                "delete snapshot " + snap.nameLabel(), env.sessionFor(ctx), jc -> {
                    Set<String> vdis = new LinkedHashSet<>(known);
                    for (DeviceOps.Drive d : jc.session().devices().drivesOf(snap.uuid())) {
                        if (d.vdi() != null && "Disk".equalsIgnoreCase(d.type())) {
                            vdis.add(d.vdi()); // xapi's word: the mirror may lag behind a swap just made
                        }
                    }
                    jc.session().vms().destroy(snap.uuid());
                    jc.progress(50);
                    for (String vdi : vdis) {
                        deleteDisk(jc.session(), vdi);
                    }
                    return "";
                });
        return MethodEnvironment.jobStarted(job);
    }

    private void deleteDisk(PoolSession session, String vdi) throws XenFailure, JobFailure {
        try {
            Optional<SrDisk.Disk> disk = arrayDisk(session, vdi);
            if (disk.isPresent()) {
                env.offload().delete(session, disk.get());
            } else {
                session.devices().destroyVdi(vdi);
            }
        } catch (StorageFailure f) {
            throw new JobFailure((int) MethodEnvironment.FAILED, "the array (" + f.adapter() + ") failed to delete disk "
                    + vdi + " of the snapshot: " + f.getMessage());
        } catch (XenFailure f) {
            if (f.kind() != XenFailure.Kind.NOT_FOUND && !"UUID_INVALID".equals(f.code())) {
                throw f;
            }
        }
    }

    /**
     * The disk as the offload layer sees it when an array made it (its other-config, read from xapi,
     * says so); its SR is the mirror's, else that of the disk it is a snapshot of.
     */
    private Optional<SrDisk.Disk> arrayDisk(PoolSession session, String vdi) throws XenFailure {
        Map<String, String> oc = session.storage().vdiOtherConfig(vdi);
        if (!oc.containsKey(OffloadedDisks.OFFLOAD_KEY) && !oc.containsKey(OffloadedDisks.SNAPSHOT_OF_KEY)) {
            return Optional.empty();
        }
        PoolSnapshot s = env.pool().get();
        Optional<String> sr = s.vdi(vdi).or(() -> Optional.ofNullable(oc.get(OffloadedDisks.SNAPSHOT_OF_KEY))
                .flatMap(s::vdi)).map(VdiRecord::srUuid);
        return sr.flatMap(s::sr).map(r -> new SrDisk.Disk(vdi, OffloadRefs.sr(s, r), "", "", oc));
    }

    /** Jobs on a snapshot queue behind its VM's. */
    private static String owner(VmRecord snap) {
        String of = snap.snapshotOfUuid();
        return of == null || of.isEmpty() ? snap.uuid() : of;
    }

    static CimObjectPath snapshotPath(String uuid) {
        return VmRefs.instance(SNAPSHOT_CLASS, Ids.system(uuid));
    }

    private static String name(Object settings, VmRecord vm) {
        if (settings instanceof CimInstance i && i.get("ElementName") instanceof String n && !n.isBlank()) {
            return n;
        }
        return vm.nameLabel() + " snapshot " + Instant.now();
    }
}
