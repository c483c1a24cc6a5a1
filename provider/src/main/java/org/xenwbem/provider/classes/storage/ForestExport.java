package org.xenwbem.provider.classes.storage;

import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VbdRecord;
import org.xenwbem.bridge.VdiRecord;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.bridge.transfer.VdiFormat;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.jobs.JobFailure;
import org.xenwbem.provider.jobs.JobManager;
import org.xenwbem.provider.methods.EmbeddedArgs;
import org.xenwbem.provider.methods.FabricRefs;
import org.xenwbem.provider.methods.MethodEnvironment;
import org.xenwbem.provider.methods.MethodTable;
import org.xenwbem.provider.methods.Rbac;

/**
 * StartSnapshotForestExport and EndSnapshotForestExport (anchor §5.5, §8.2) without a Transfer VM. Start
 * answers a job {@code Xen_StartSnapshotForestExportJob} that reads the VM's metadata from xapi
 * ({@code /export_metadata}: the VM, its snapshots, VBDs, VDIs, VIFs, no disk content), keeps it in a small
 * disk of its own in the SR of the VM's first disk, and exposes that disk and every disk of the VM and its
 * snapshots read-only on the daemon's transfer endpoint (as ConnectToDiskImage does). The job carries
 * MetadataURI (the metadata tar, raw), DiskImageURIs (one {@code .vhd} per disk, each with
 * {@code ?vdi_uuid=<exported disk>} so the client knows which is which; the endpoint ignores the query),
 * SSLCertificates and ExportConnectionHandle. The URIs carry their user name; the passwords stay in the
 * endpoint's memory and only the export's owner reads them in the URIs ({@link ConnectionPasswords}).
 * End closes every connection and destroys the metadata disk. A failed Start leaves neither connection nor
 * disk. Exports live in memory: after a daemon restart their handle is unknown and the metadata disk,
 * named {@code xenwbem forest metadata …}, is the admin's to delete.
 */
public final class ForestExport {
    private static final Logger LOG = LoggerFactory.getLogger(ForestExport.class);
    static final String START_JOB = "Xen_StartSnapshotForestExportJob";
    static final String END_JOB = "Xen_EndSnapshotForestExportJob";
    static final String METADATA_NAME = "xenwbem forest metadata of ";
    private static final String WHAT = "export a VM with its snapshots ({method})";

    private final MethodEnvironment env;
    private final DiskExposure exposure;
    private final DiskConnections connections;
    private final Map<String, Export> exports = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** An export in progress: who made it, its metadata disk and its connections. */
    private record Export(String owner, String metadataVdi, List<String> handles) {
    }

    public ForestExport(MethodEnvironment env, DiskExposure exposure) {
        this.env = env;
        this.exposure = exposure;
        this.connections = new DiskConnections(env, exposure);
    }

    /** Adds the two methods' rows to the snapshot service's table. */
    public MethodTable addTo(MethodTable table) {
        return table.method("StartSnapshotForestExport", Rbac.VM_ADMIN, WHAT, this::start)
                .method("EndSnapshotForestExport", Rbac.VM_ADMIN, WHAT, this::end);
    }

    private MethodResult start(RequestContext ctx, CimObjectPath target, CimMethod m, Map<String, Object> in)
            throws CimException, XenFailure {
        PoolSnapshot s = env.pool().get();
        VmRecord vm = FabricRefs.guest(s, in.get("System"), "System");
        Duration timeout = DiskConnections.timeout(EmbeddedArgs.num(in.get("TimeoutInMinutes")));
        List<VdiRecord> disks = disksOf(s, vm);
        String sr = disks.isEmpty() ? null : disks.get(0).srUuid();
        if (sr == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "VM " + vm.nameLabel() + " has no disk to export");
        }
        String handle = "forest-" + token();
        // the request's credential ends with it: the job's sessions are all opened now
        List<PoolSession> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < disks.size() + 2; i++) {
                sessions.add(env.sessionFor(ctx));
            }
        } catch (CimException | RuntimeException e) {
            sessions.forEach(PoolSession::close);
            throw e;
        }
        try {
            return MethodEnvironment.jobStarted(connections.submit(START_JOB, "StartSnapshotForestExport",
                    "export VM " + vm.nameLabel() + " with its snapshots", env.sessionFor(ctx),
                    task -> run(ctx.user(), task, vm, sr, disks, timeout, handle, sessions)));
        } catch (XenFailure | CimException | RuntimeException e) {
            sessions.forEach(PoolSession::close);
            throw e;
        }
    }

    /** Each disk of the VM and of its snapshots, once, in the order of the VM then its snapshots. */
    static List<VdiRecord> disksOf(PoolSnapshot s, VmRecord vm) {
        Map<String, VdiRecord> out = new LinkedHashMap<>();
        List<String> vms = new ArrayList<>(List.of(vm.uuid()));
        vms.addAll(vm.snapshotUuids());
        for (String v : vms) {
            for (VbdRecord vbd : s.vbdsOf(v)) {
                if (vbd.type() == VbdRecord.Type.Disk && !vbd.empty() && vbd.vdiUuid() != null) {
                    s.vdi(vbd.vdiUuid()).ifPresent(d -> out.putIfAbsent(d.uuid(), d));
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    /**
     * The export's work: {@code sessions} are the caller's, the first for the job's own calls (closed here),
     * one for each connection (the endpoint then owns it; those not handed over are closed here).
     */
    private String run(String user, String task, VmRecord vm, String sr, List<VdiRecord> disks, Duration timeout,
                       String handle, List<PoolSession> sessions) throws XenFailure, JobFailure {
        Export made = new Export(user, null, new ArrayList<>());
        PoolSession session = sessions.remove(0);
        try {
            byte[] tar = session.transfers().exportMetadata(vm.uuid());
            String meta = session.devices().createVdi(sr, METADATA_NAME + vm.nameLabel(), (tar.length + 511) / 512 * 512,
                    "user", false, false);
            made = new Export(user, meta, made.handles());
            session.transfers().importTo(meta, VdiFormat.RAW, new ByteArrayInputStream(tar), tar.length);
            DiskExposure.Exposed metaUri = expose(sessions, meta, tar.length, timeout, made);
            List<String> uris = new ArrayList<>();
            for (VdiRecord d : disks) {
                DiskExposure.Exposed e = expose(sessions, d.uuid(), d.virtualSize(), timeout, made);
                uris.add(withUser(e.targetUri(), e.username()) + ".vhd?vdi_uuid=" + d.uuid());
            }
            Map<String, String> props = new LinkedHashMap<>();
            props.put("MetadataURI", withUser(metaUri.targetUri(), metaUri.username()));
            props.put("DiskImageURIs", String.join(",", uris));
            props.put("SSLCertificates", metaUri.certificatePem());
            props.put("ExportConnectionHandle", handle);
            env.jobs().record(task, props);
            exports.put(handle, made);
            LOG.info("VM {} exported with {} disks as {} for {}", vm.uuid(), disks.size(), handle, user);
            return handle;
        } catch (XenFailure | RuntimeException e) {
            undo(made);
            if (e instanceof XenFailure f) {
                throw f;
            }
            throw new JobFailure((int) MethodEnvironment.FAILED, "the export failed: " + e.getMessage());
        } finally {
            session.close();
            sessions.forEach(PoolSession::close);
        }
    }

    private DiskExposure.Exposed expose(List<PoolSession> sessions, String vdi, long size, Duration timeout, Export made) {
        DiskExposure.Exposed e = exposure.expose(sessions.remove(0), vdi, size, true, timeout);
        made.handles().add(e.handle());
        return e;
    }

    /** {@code https://host…} as {@code https://user@host…}. */
    static String withUser(String uri, String user) {
        int at = uri.indexOf("://") + 3;
        return uri.substring(0, at) + user + "@" + uri.substring(at);
    }

    private MethodResult end(RequestContext ctx, CimObjectPath target, CimMethod m, Map<String, Object> in)
            throws CimException, XenFailure {
        String handle = EmbeddedArgs.str(in.get("ExportConnectionHandle"));
        Export e = handle == null ? null : exports.get(handle);
        if (e == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "no snapshot forest export " + handle);
        }
        if (!e.owner().equals(ctx.user())) {
            throw new CimException(CimStatus.ACCESS_DENIED, "the export belongs to another user");
        }
        JobManager.JobRef job = connections.submit(END_JOB, "EndSnapshotForestExport", "end export " + handle,
                env.sessionFor(ctx), task -> {
                    if (exports.remove(handle) == null) {
                        throw new JobFailure((int) MethodEnvironment.INVALID_PARAMETER, "no snapshot forest export " + handle);
                    }
                    undo(e);
                    return handle;
                });
        return MethodEnvironment.jobStarted(job);
    }

    /** Closes the export's connections and destroys its metadata disk; logs what could not be undone. */
    private void undo(Export e) {
        e.handles().forEach(exposure::disconnect);
        if (e.metadataVdi() == null) {
            return;
        }
        try {
            env.bridge().serviceSession().devices().destroyVdi(e.metadataVdi());
        } catch (XenFailure f) {
            LOG.warn("could not destroy the export's metadata disk {}: {}", e.metadataVdi(), f.getMessage());
        }
    }

    private String token() {
        byte[] b = new byte[12];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
