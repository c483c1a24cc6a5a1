package org.xenwbem.provider.classes.storage;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.VdiRecord;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.jobs.JobFailure;
import org.xenwbem.provider.jobs.JobManager;
import org.xenwbem.provider.methods.EmbeddedArgs;
import org.xenwbem.provider.methods.MethodEnvironment;
import org.xenwbem.provider.methods.MethodTable;
import org.xenwbem.provider.methods.Rbac;

/**
 * ConnectToDiskImage and DisconnectFromDiskImage (anchor §8.1) without a Transfer VM: the disk is
 * exposed by the daemon's own transfer endpoint ({@link DiskExposure}). Connect answers a job
 * {@code Xen_ConnectToDiskImageJob} whose TargetURI, Username, SSLCertificate and ConnectionHandle are
 * recorded in its task; its Password never is (any pool user who may read tasks would see it): it stays
 * in the endpoint's memory and {@link ConnectionPasswords} shows it to the connection's owner only. Disconnect answers a {@code Xen_DisconnectFromDiskImageJob}.
 * Protocols bits and http are served (both over HTTPS: UseSSL is always honoured as true); iscsi is
 * refused as not supported. TimeoutInMinutes: null is 24 h, 0 is no deadline.
 */
public final class DiskConnections {
    private static final Logger LOG = LoggerFactory.getLogger(DiskConnections.class);
    static final String CONNECT_JOB = "Xen_ConnectToDiskImageJob";
    static final String DISCONNECT_JOB = "Xen_DisconnectFromDiskImageJob";
    private static final String WHAT = "expose disks for transfer ({method})";
    private static final long MAX_MINUTES = 7L * 24 * 60;

    private final MethodEnvironment env;
    private final DiskExposure exposure;
    private final EmbeddedArgs args;

    public DiskConnections(MethodEnvironment env, DiskExposure exposure) {
        this.env = env;
        this.exposure = exposure;
        this.args = new EmbeddedArgs(env.classes());
    }

    /** Adds the two methods' rows to the storage service's table. */
    public MethodTable addTo(MethodTable table) {
        return table.method("ConnectToDiskImage", Rbac.VM_ADMIN, WHAT, this::connect)
                .method("DisconnectFromDiskImage", Rbac.VM_ADMIN, WHAT, this::disconnect);
    }

    private MethodResult connect(RequestContext ctx, CimObjectPath target, CimMethod m, Map<String, Object> in)
            throws CimException, XenFailure {
        VdiRecord vdi = StorageRefs.vdi(env.pool().get(), args.ref("DiskImage", in.get("DiskImage")), "DiskImage");
        String protocol = EmbeddedArgs.str(in.get("Protocol"));
        protocol = protocol == null ? "bits" : protocol.toLowerCase(Locale.ROOT);
        if ("iscsi".equals(protocol)) {
            throw new CimException(CimStatus.NOT_SUPPORTED, "Protocol iscsi is not supported: use bits or http");
        }
        if (!"bits".equals(protocol) && !"http".equals(protocol)) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "Protocol " + protocol + " is not one of bits, http");
        }
        boolean readOnly = Boolean.TRUE.equals(EmbeddedArgs.bool(in.get("ReadOnly")));
        Duration timeout = timeout(EmbeddedArgs.num(in.get("TimeoutInMinutes")));
        PoolSession forConnection = env.sessionFor(ctx);
        PoolSession forJob = env.sessionFor(ctx);
        JobManager.JobRef job;
        try {
            job = submit(CONNECT_JOB, "ConnectToDiskImage", "expose disk " + vdi.uuid(), forJob,
                task -> {
                    DiskExposure.Exposed e = exposure.expose(forConnection, vdi.uuid(), vdi.virtualSize(), readOnly,
                            timeout);
                    Map<String, String> props = new LinkedHashMap<>();
                    props.put("TargetURI", e.targetUri());
                    props.put("Username", e.username());
                    props.put("SSLCertificate", e.certificatePem());
                    props.put("ConnectionHandle", e.handle());
                    try {
                        env.jobs().record(task, props);
                    } catch (XenFailure f) {
                        exposure.disconnect(e.handle());
                        throw f;
                    }
                    LOG.info("disk {} exposed as {} for {}", vdi.uuid(), e.handle(), ctx.user());
                    return e.handle();
                });
        } catch (XenFailure f) {
            forConnection.close();
            throw f;
        }
        return MethodEnvironment.jobStarted(job);
    }

    private MethodResult disconnect(RequestContext ctx, CimObjectPath target, CimMethod m, Map<String, Object> in)
            throws CimException, XenFailure {
        String handle = EmbeddedArgs.str(in.get("ConnectionHandle"));
        String owner = handle == null ? null : exposure.owner(handle).orElse(null);
        if (owner == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "no disk connection " + handle);
        }
        if (!owner.equals(ctx.user())) {
            throw new CimException(CimStatus.ACCESS_DENIED, "the connection belongs to another user");
        }
        JobManager.JobRef job = submit(DISCONNECT_JOB, "DisconnectFromDiskImage", "end disk connection " + handle,
                env.sessionFor(ctx), task -> {
                    if (!exposure.disconnect(handle)) {
                        throw new JobFailure((int) MethodEnvironment.INVALID_PARAMETER, "no disk connection " + handle);
                    }
                    return handle;
                });
        return MethodEnvironment.jobStarted(job);
    }

    static Duration timeout(Long minutes) throws CimException {
        if (minutes == null) {
            return Duration.ofHours(24);
        }
        if (minutes < 0 || minutes > MAX_MINUTES) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "TimeoutInMinutes must be 0 to " + MAX_MINUTES);
        }
        return minutes == 0 ? null : Duration.ofMinutes(minutes);
    }

    /** The body of a connection job, told its task uuid. */
    @FunctionalInterface
    interface Work {
        String run(String task) throws XenFailure, JobFailure;
    }

    JobManager.JobRef submit(String jobClass, String method, String description, PoolSession session, Work work)
            throws XenFailure {
        CompletableFuture<String> task = new CompletableFuture<>();
        JobManager.JobRef ref = env.jobs().submit(jobClass, "transfer:" + description, method, description, session,
                jc -> {
                    try {
                        return work.run(task.get(30, TimeUnit.SECONDS));
                    } catch (ExecutionException | TimeoutException e) {
                        throw new JobFailure((int) MethodEnvironment.FAILED, "the job could not start");
                    } catch (IllegalStateException e) {
                        throw new JobFailure((int) MethodEnvironment.FAILED, e.getMessage());
                    }
                });
        task.complete(ref.taskUuid());
        return ref;
    }
}
