package org.xenwbem.provider.classes.storage;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.SrRecord;
import org.xenwbem.bridge.VdiRecord;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.bridge.storage.SrDisk;
import org.xenwbem.bridge.storage.StorageFailure;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.jobs.JobManager;
import org.xenwbem.provider.methods.EmbeddedArgs;
import org.xenwbem.provider.methods.MethodEnvironment;

/**
 * CreateDiskImage and DeleteDiskImage (anchor §5.6, {@code VDI.create} / {@code VDI.destroy}). A new
 * disk on a thin SR is made at once and named in ResultingDiskImage; on a thick one (LVM: every byte
 * is allocated, which takes time) it is made by a job, after checking the SR has the space. A disk
 * given as {@code HostResource} is copied ({@link DiskCopies}) by a job. A disk is deleted by the SR's
 * array where the offload layer serves it (its snapshots with it, clones of it made independent first),
 * else by xapi. A disk in use by a VM that is not halted is not deleted: the refusal says which VM.
 */
final class DiskImageMethods {
    private static final Logger LOG = LoggerFactory.getLogger(DiskImageMethods.class);
    private static final Duration MIRROR_WAIT = Duration.ofSeconds(10);

    private final MethodEnvironment env;
    private final StorageJobs jobs;
    private final DiskCopies copies;

    DiskImageMethods(MethodEnvironment env, StorageJobs jobs, DiskCopies copies) {
        this.env = env;
        this.jobs = jobs;
        this.copies = copies;
    }

    /** A disk request: where, how big (bytes), its name. */
    record DiskRequest(SrRecord sr, long size, String name, VdiRecord source) {
    }

    MethodResult create(RequestContext ctx, CimInstance rasd) throws CimException, XenFailure {
        DiskRequest req = decode(env.pool().get(), rasd);
        if (req.source() != null) {
            return copies.copyDisk(ctx, req);
        }
        if (isThick(req.sr())) {
            checkSpace(req.sr(), req.size());
            PoolSession session = env.sessionFor(ctx);
            StorageUndo undo = new StorageUndo();
            JobManager.JobRef job = jobs.submit(ctx, "disk:" + req.sr().uuid(), "CreateDiskImage",
                    "create disk " + req.name() + " in SR " + req.sr().nameLabel(), session, undo, (jc, task) -> {
                        jc.progress(5);
                        String vdi = jc.session().devices().createVdi(req.sr().uuid(), req.name(), req.size(), "user",
                                false, false);
                        undo.vdi(vdi);
                        awaitDisk(vdi);
                        jobs.record(task, StorageIds.diskImage(req.sr().uuid(), vdi).toString(), "xapi:VDI.create");
                        return vdi;
                    });
            return MethodEnvironment.jobStarted(job);
        }
        String vdi;
        try (PoolSession s = env.sessionFor(ctx)) {
            vdi = s.devices().createVdi(req.sr().uuid(), req.name(), req.size(), "user", false, false);
        }
        LOG.info("created disk {} ({} bytes) in SR {}", vdi, req.size(), req.sr().uuid());
        awaitDisk(vdi);
        return new MethodResult(MethodEnvironment.COMPLETED,
                Map.of("ResultingDiskImage", StorageIds.diskImage(req.sr().uuid(), vdi)));
    }

    MethodResult delete(RequestContext ctx, CimObjectPath ref) throws CimException, XenFailure {
        PoolSnapshot s = env.pool().get();
        VdiRecord vdi = StorageRefs.vdi(s, ref, "DiskImage");
        VmRecord user = StorageRefs.runningUserOf(s, vdi);
        if (user != null) {
            throw new CimException(CimStatus.FAILED, "disk " + vdi.nameLabel() + " (" + vdi.uuid() + ") is attached to VM "
                    + user.nameLabel() + " (" + user.uuid() + "), which is " + user.powerState()
                    + "; shut it down or remove the disk from it first");
        }
        SrDisk.Disk disk = OffloadRefs.disk(s, vdi).orElseThrow(() -> new CimException(CimStatus.NOT_FOUND,
                "disk " + vdi.uuid() + " has no SR"));
        String path;
        try (PoolSession session = env.sessionFor(ctx)) {
            path = OffloadRefs.path(env.offload().delete(session, disk), "VDI.destroy");
        } catch (StorageFailure f) {
            throw new CimException(CimStatus.FAILED, "the array (" + f.adapter() + ") could not delete disk "
                    + vdi.uuid() + ": " + f.getMessage() + (f.changed() ? " (it changed something: check the SR)" : ""));
        }
        LOG.info("deleted disk {} of SR {} ({})", vdi.uuid(), vdi.srUuid(), path);
        awaitGone(vdi.uuid());
        return MethodResult.of(MethodEnvironment.COMPLETED);
    }

    /** The embedded Xen_DiskSettingData: PoolID, VirtualQuantity × AllocationUnits, ElementName, HostResource. */
    static DiskRequest decode(PoolSnapshot s, CimInstance rasd) throws CimException {
        if (rasd == null) {
            throw invalid("ResourceSetting (an embedded Xen_DiskSettingData) is required");
        }
        VdiRecord source = sourceDisk(s, rasd);
        SrRecord sr = targetSr(s, rasd, source);
        if (StoragePools.isIso(sr)) {
            throw invalid("SR " + sr.nameLabel() + " is an ISO library: disks cannot be created in it");
        }
        long unit = EmbeddedArgs.unitBytes(rasd.get("AllocationUnits"), 1);
        if (unit <= 0) {
            throw invalid("AllocationUnits " + rasd.get("AllocationUnits") + " is not understood");
        }
        Long q = EmbeddedArgs.num(rasd.get("VirtualQuantity"));
        if (source == null && (q == null || q <= 0)) {
            throw invalid("VirtualQuantity (the disk's size in AllocationUnits) is required and must be positive");
        }
        if (q != null && q > Long.MAX_VALUE / unit) {
            throw invalid("VirtualQuantity " + q + " × " + unit + " bytes is too large");
        }
        long size = q == null || q <= 0 ? source.virtualSize() : q * unit;
        String name = EmbeddedArgs.str(rasd.get("ElementName"));
        return new DiskRequest(sr, size, name != null ? name : source != null ? source.nameLabel() : "disk", source);
    }

    /** PoolID ({@code <sr>} or {@code Xen:<host>/<sr>}); else the source disk's SR; else the pool's default SR. */
    private static SrRecord targetSr(PoolSnapshot s, CimInstance rasd, VdiRecord source) throws CimException {
        String id = EmbeddedArgs.str(rasd.get("PoolID"));
        String sr = id != null ? StorageRefs.lastUuid(id) : source != null ? source.srUuid()
                : s.pool() == null ? null : s.pool().defaultSrUuid();
        if (sr == null || sr.isEmpty()) {
            throw invalid("PoolID (the SR) is required: the pool has no default SR");
        }
        return s.sr(sr.toLowerCase(Locale.ROOT)).orElseThrow(() -> invalid("PoolID " + id + " names no storage pool"));
    }

    /** HostResource naming an existing Xen_DiskImage ({@code Xen:<sr>/<vdi>}): the new disk is its copy. */
    private static VdiRecord sourceDisk(PoolSnapshot s, CimInstance rasd) throws CimException {
        for (Object o : EmbeddedArgs.list(rasd.get("HostResource"))) {
            String text = String.valueOf(o);
            String uuid = StorageRefs.lastUuid(text);
            return s.vdi(uuid).orElseThrow(() -> invalid("HostResource " + text + " names no disk image"));
        }
        return null;
    }

    static boolean isThick(SrRecord sr) {
        return StoragePools.isThick(sr);
    }

    /** Refuses a thick allocation the SR cannot hold (xapi would fail midway with SR_FULL). */
    static void checkSpace(SrRecord sr, long size) throws CimException {
        long free = sr.physicalSize() - sr.physicalUtilisation();
        if (sr.physicalSize() > 0 && size > free) {
            throw new CimException(CimStatus.FAILED, "SR " + sr.nameLabel() + " has " + free + " bytes free; a fully "
                    + "allocated disk of " + size + " bytes does not fit");
        }
    }

    void awaitDisk(String vdi) {
        try {
            env.bridge().mirror().await(x -> x.vdi(vdi).isPresent(), MIRROR_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitGone(String vdi) {
        try {
            env.bridge().mirror().await(x -> x.vdi(vdi).isEmpty(), MIRROR_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static CimException invalid(String why) {
        return new CimException(CimStatus.INVALID_PARAMETER, why);
    }
}
