package org.xenwbem.provider.classes.storage;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.ops.FieldOps;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.bridge.storage.SrDisk;
import org.xenwbem.bridge.storage.StorageFailure;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.jobs.JobContext;
import org.xenwbem.provider.jobs.JobFailure;
import org.xenwbem.provider.jobs.JobManager;
import org.xenwbem.provider.methods.MethodEnvironment;

/**
 * CreateDiskImage from an existing disk (HostResource): a job making the copy in the requested SR.
 * Within the disk's own SR it is a clone by the SR's array where the offload layer has an adapter for it
 * (a Ceph RBD COW clone, a reflink, an ONTAP file clone), else xapi's {@code VDI.clone}; into another
 * SR a full {@code VDI.copy}, after checking a thick target has the space. The copy gets the requested
 * name; should naming it fail, the copy is destroyed again. The job's StoragePath says which path it took.
 */
final class DiskCopies {
    private static final Logger LOG = LoggerFactory.getLogger(DiskCopies.class);
    private static final Duration COPY_TIMEOUT = Duration.ofHours(2);

    private final MethodEnvironment env;
    private final StorageJobs jobs;

    DiskCopies(MethodEnvironment env, StorageJobs jobs) {
        this.env = env;
        this.jobs = jobs;
    }

    MethodResult copyDisk(RequestContext ctx, DiskImageMethods.DiskRequest req) throws CimException, XenFailure {
        boolean sameSr = req.sr().uuid().equals(req.source().srUuid());
        if (!sameSr && DiskImageMethods.isThick(req.sr())) {
            DiskImageMethods.checkSpace(req.sr(), req.source().virtualSize());
        }
        PoolSession session = env.sessionFor(ctx);
        StorageUndo undo = new StorageUndo();
        JobManager.JobRef job = jobs.submit(ctx, "disk:" + req.source().uuid(), "CreateDiskImage",
                "copy disk " + req.source().nameLabel() + " to " + req.name(), session, undo, (jc, task) -> {
                    String[] path = {"xapi:VDI.copy"};
                    String vdi = sameSr ? cloneOnSr(jc, req, path)
                            : jc.follow(jc.session().storage().copyVdi(req.source().uuid(), req.sr().uuid()), 5, 90,
                            COPY_TIMEOUT);
                    undo.vdi(vdi);
                    finish(jc, vdi, req);
                    jobs.record(task, StorageIds.diskImage(req.sr().uuid(), vdi).toString(), path[0]);
                    LOG.info("disk {} copied to {} ({})", req.source().uuid(), vdi, path[0]);
                    return vdi;
                });
        return MethodEnvironment.jobStarted(job);
    }

    /**
     * A clone within the disk's SR through the offload layer: the array's own clone where an adapter
     * serves the SR (xapi then learns the disk), else xapi's VDI.clone. {@code path[0]} says which.
     */
    private String cloneOnSr(JobContext jc, DiskImageMethods.DiskRequest req, String[] path)
            throws XenFailure, JobFailure {
        jc.progress(5);
        PoolSnapshot s = env.pool().get();
        SrDisk.Disk disk = OffloadRefs.disk(s, req.source()).orElseThrow(() -> new JobFailure(
                (int) MethodEnvironment.FAILED, "disk " + req.source().uuid() + " has no SR any more"));
        try {
            SrDisk.Outcome o = env.offload().clone(jc.session(), disk);
            path[0] = OffloadRefs.path(o, "VDI.clone");
            jc.progress(90);
            return o.vdiUuid();
        } catch (StorageFailure f) {
            throw new JobFailure((int) MethodEnvironment.FAILED, "the array (" + f.adapter() + ") failed to clone disk "
                    + req.source().uuid() + ": " + f.getMessage());
        }
    }

    /** Names the copy and grows it when a larger size was asked for. */
    private static void finish(JobContext jc, String vdi, DiskImageMethods.DiskRequest req) throws XenFailure, JobFailure {
        if (jc.killed()) {
            throw new JobFailure((int) MethodEnvironment.FAILED, "the job was killed");
        }
        jc.session().fields().set(FieldOps.Target.VDI, vdi, "name_label", req.name());
        if (req.size() > req.source().virtualSize()) {
            jc.session().devices().resizeVdi(vdi, req.size());
        }
        jc.progress(95);
    }
}
