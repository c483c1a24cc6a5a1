package org.xenwbem.provider.classes.storage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.ProbeAnswer;
import org.xenwbem.bridge.ops.StorageOps;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.jobs.JobContext;
import org.xenwbem.provider.jobs.JobFailure;
import org.xenwbem.provider.jobs.JobManager;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.methods.MethodEnvironment;

/**
 * CreateStoragePool (anchor §5.6, {@code SR.create}) as a job on the xapi task, PercentComplete
 * following it. Before creating, {@code SR.probe} asks whether the device-config already holds an SR
 * xapi has forgotten (DetachStoragePool keeps the data): that SR is re-attached with its disks
 * ({@code SR.introduce}, then {@code PBD.create} + {@code PBD.plug} on each host that needs one,
 * {@code SR.scan}). On a block device an SR xapi still knows, or a probe that fails, refuses: SR.create
 * would format the device. Whatever the job made is undone if a later step fails.
 */
final class PoolCreation {
    private static final Logger LOG = LoggerFactory.getLogger(PoolCreation.class);
    private static final Duration CREATE_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration MIRROR_WAIT = Duration.ofSeconds(10);
    /**
     * Probe failures that only say "nothing to find here" for a file-based SR (then SR.create decides);
     * an xapi without SR.probe at all (MESSAGE_METHOD_UNKNOWN) leaves SR.create to decide for every type.
     */
    private static final List<String> PROBE_UNSUPPORTED = List.of("SR_OPERATION_NOT_SUPPORTED");

    private final MethodEnvironment env;
    private final StorageJobs jobs;

    PoolCreation(MethodEnvironment env, StorageJobs jobs) {
        this.env = env;
        this.jobs = jobs;
    }

    MethodResult create(RequestContext ctx, SrSettings req) throws CimException, XenFailure {
        PoolSnapshot s = env.pool().get();
        String master = s.pool() == null ? "" : s.pool().masterUuid();
        if (master.isEmpty()) {
            throw new CimException(CimStatus.FAILED, "the pool has no master to create the SR on");
        }
        List<String> hosts = req.shared() ? s.hosts().stream().map(h -> h.uuid()).toList() : List.of(master);
        PoolSession session = env.sessionFor(ctx);
        StorageUndo undo = new StorageUndo();
        JobManager.JobRef job = jobs.submit(ctx, "storage-pools", "CreateStoragePool",
                "create " + req.type() + " SR " + req.name(), session, undo, (jc, task) -> {
                    String found = existing(jc.session(), req, master);
                    String sr = found != null ? reattach(jc, req, found, hosts, undo) : create(jc, req, master, undo);
                    awaitMirror(x -> x.sr(sr).map(r -> r.pbdUuids().size() >= hosts.size()).orElse(false));
                    jobs.record(task, poolPath(sr, req.shared() ? StorageIds.SHARED : master),
                            found != null ? "xapi:SR.introduce" : "xapi:SR.create");
                    return sr;
                });
        return MethodEnvironment.jobStarted(job);
    }

    private String create(JobContext jc, SrSettings req, String master, StorageUndo undo)
            throws XenFailure, JobFailure {
        jc.progress(10);
        StorageOps.SrSpec spec = new StorageOps.SrSpec(master, req.deviceConfig(), 0, req.name(), req.description(),
                req.type(), req.contentType(), req.shared(), Map.of());
        String sr = jc.follow(jc.session().storage().createSr(spec), 10, 95, CREATE_TIMEOUT);
        undo.createdSr(sr);
        LOG.info("created {} SR {} for {}", req.type(), sr, jc.session().user());
        return sr;
    }

    /** SR.introduce of an SR found on the storage, a plugged PBD per host, SR.scan to find its disks. */
    private String reattach(JobContext jc, SrSettings req, String sr, List<String> hosts, StorageUndo undo)
            throws XenFailure, JobFailure {
        StorageOps st = jc.session().storage();
        jc.progress(10);
        st.introduceSr(sr, req.name(), req.description(), req.type(), req.contentType(), req.shared(), Map.of());
        undo.introducedSr(sr);
        for (int i = 0; i < hosts.size(); i++) {
            killed(jc);
            String pbd = st.createPbd(hosts.get(i), sr, req.deviceConfig());
            undo.pbd(pbd);
            st.plugPbd(pbd);
            jc.progress(10 + 80 * (i + 1) / hosts.size());
        }
        st.scanSr(sr);
        LOG.info("re-attached {} SR {} with its disks for {}", req.type(), sr, jc.session().user());
        return sr;
    }

    /**
     * The uuid of an SR the device-config holds that xapi does not know, else null (create a new one).
     * JobFailure when creating would be unsafe or ambiguous.
     */
    private String existing(PoolSession session, SrSettings req, String master) throws XenFailure, JobFailure {
        if (req.isIso()) {
            return null;
        }
        String xml;
        try {
            xml = session.storage().probeSr(master, req.deviceConfig(), req.type(), Map.of());
        } catch (XenFailure f) {
            boolean noProbe = "MESSAGE_METHOD_UNKNOWN".equals(f.code());
            if (!noProbe && (f.kind() == XenFailure.Kind.DENIED || f.kind() == XenFailure.Kind.UNAVAILABLE || req.isBlock()
                    || !PROBE_UNSUPPORTED.contains(f.code()) && !f.code().startsWith("SR_BACKEND_FAILURE"))) {
                throw f;
            }
            LOG.debug("probe of a {} SR answered {}: creating", req.type(), f.code());
            return null;
        }
        List<String> found = srUuids(xml);
        PoolSnapshot s = env.pool().get();
        List<String> unknown = found.stream().filter(u -> s.sr(u).isEmpty()).toList();
        if (unknown.size() > 1) {
            throw new JobFailure((int) MethodEnvironment.FAILED, "the device-config holds " + unknown.size()
                    + " detached SRs " + unknown + "; re-attach one through XenAPI (SR.introduce), then retry");
        }
        if (unknown.isEmpty() && req.isBlock() && !found.isEmpty()) {
            throw new JobFailure((int) MethodEnvironment.FAILED, "the device already holds SR " + found.get(0)
                    + ", attached to this pool; creating another would format it");
        }
        return unknown.isEmpty() ? null : unknown.get(0);
    }

    /** The {@code <UUID>} of each {@code <SR>} in SR.probe's answer ({@code <SRlist><SR><UUID>…}). */
    static List<String> srUuids(String xml) throws JobFailure {
        if (xml == null || xml.isBlank()) {
            return List.of();
        }
        try {
            return ProbeAnswer.parse(xml).field("UUID").stream().map(StorageRefs::lastUuid).toList();
        } catch (IllegalArgumentException e) {
            throw new JobFailure((int) MethodEnvironment.FAILED, "SR.probe answered with XML xenwbem cannot read: "
                    + e.getMessage());
        }
    }

    private void awaitMirror(Predicate<PoolSnapshot> condition) throws InterruptedException {
        env.bridge().mirror().await(condition, MIRROR_WAIT);
    }

    private static void killed(JobContext jc) throws JobFailure {
        if (jc.killed()) {
            throw new JobFailure((int) MethodEnvironment.FAILED, "the job was killed");
        }
    }

    /** The new pool's path, from the mirror (else from what the SR was created as, should the mirror lag). */
    private String poolPath(String sr, String owner) {
        PoolSnapshot s = env.pool().get();
        return s.sr(sr).map(r -> StorageIds.storagePool(r, s))
                .orElse(Paths.byInstanceId("Xen_StoragePool", Ids.device(owner, sr))).toString();
    }
}
