package org.xenwbem.provider.classes.vm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VbdRecord;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.bridge.storage.Capabilities.Operation;
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
import org.xenwbem.provider.methods.CreatedObjects;
import org.xenwbem.provider.methods.EmbeddedArgs;
import org.xenwbem.provider.methods.MethodEnvironment;

/**
 * The methods that create: DefineSystem, CopySystem, AddResourceSetting(s). Whatever they create is
 * recorded and, should a later step fail (or the job be killed), destroyed again newest first; the
 * job then ends in Exception with xapi's error (anchor §5.1, issue #6 "Nothing left behind").
 *
 * <p>DefineSystem clones the template (or creates the VM) before it returns, so ResultingSystem is
 * in its output at once. A template with a disk on an SR an array serves is not cloned by xapi: the
 * VM is made by VM.create from its record and its disks by the offload layer ({@link ArrayBuilds}).
 * The disks, VM.provision and the RASDs run in a {@code Xen_VirtualSystemModifyResourcesJob} (its
 * StoragePath says which path the VM and each disk took)
 * whose failure removes the new VM too. CopySystem's VM exists only once its disks are copied: its
 * path is the {@code ResultingSystem} of the {@code Xen_VirtualSystemCreateJob}.
 */
public final class SystemDefinition {
    private static final Logger LOG = LoggerFactory.getLogger(SystemDefinition.class);
    static final String MODIFY_JOB = "Xen_VirtualSystemModifyResourcesJob";
    static final String CREATE_JOB = "Xen_VirtualSystemCreateJob";
    private static final Duration CLONE_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration LONG_TIMEOUT = Duration.ofHours(2);

    private final MethodEnvironment env;
    private final EmbeddedArgs args;
    private final VirtualSystemManagement service;

    SystemDefinition(MethodEnvironment env, EmbeddedArgs args, VirtualSystemManagement service) {
        this.env = env;
        this.args = args;
        this.service = service;
    }

    MethodResult define(RequestContext ctx, Map<String, Object> in) throws CimException, XenFailure {
        CimInstance vssd = args.instance("SystemSettings", in.get("SystemSettings"));
        List<CimInstance> rasds = args.instances("ResourceSettings", in.get("ResourceSettings"));
        CimObjectPath ref = args.ref("ReferenceConfiguration", in.get("ReferenceConfiguration"));
        VmRecord template = ref == null ? null : service.vm(ref, "ReferenceConfiguration");
        if (!supported(rasds)) {
            return MethodResult.of(MethodEnvironment.INVALID_PARAMETER);
        }
        String name = vssd == null ? null : EmbeddedArgs.str(vssd.get("ElementName"));
        PoolSession session = env.sessionFor(ctx);
        CreatedObjects created = new CreatedObjects();
        PoolSnapshot pool = env.pool().get();
        ArrayBuilds builds = new ArrayBuilds(env);
        boolean arrays = template != null && !builds.offloadable(pool, template.uuid(), Operation.CLONE).isEmpty();
        String vm;
        try {
            vm = template == null ? createVm(session, vssd, created) : arrays
                    ? builds.createVm(session, pool, template.uuid(), name != null ? name : template.nameLabel(), created)
                    : cloneTemplate(session, template, name, created);
            if (template != null && vssd != null) {
                SystemSettings.apply(session.vms(), vm, vssd);
            }
        } catch (XenFailure f) {
            created.undo(session);
            session.close();
            throw f;
        }
        String from = template == null ? null : template.uuid();
        JobManager.JobRef job = submit(ctx, MODIFY_JOB, vm, "DefineSystem", "define VM " + vm, session, created,
                (jc, task) -> {
                    String path = "";
                    if (from != null) {
                        path = arrays ? builds.cloneDisks(jc, pool, from, vm, created)
                                : pool.vbdsOf(from).stream().anyMatch(v -> v.type() == VbdRecord.Type.Disk && !v.empty())
                                ? "xapi:VM.clone" : "";
                        jc.progress(20);
                        jc.follow(jc.session().vms().provision(vm), 20, 50, LONG_TIMEOUT);
                    }
                    List<String> affected = apply(jc, vm, rasds, created, from != null ? 50 : 0);
                    Map<String, String> props = new LinkedHashMap<>();
                    props.put("AffectedResources", String.join(";", affected));
                    if (!path.isEmpty()) {
                        props.put("StoragePath", path);
                    }
                    record(task, props);
                    return vm;
                });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ResultingSystem", VirtualSystemManagement.systemPath(vm));
        out.put("Job", MethodEnvironment.jobPath(job));
        return new MethodResult(MethodEnvironment.JOB_STARTED, out);
    }

    /** A VM without a template: VM.create from the settings given (or empty ones). */
    private String createVm(PoolSession session, CimInstance vssd, CreatedObjects created) throws XenFailure {
        String vm = session.vms().create(SystemSettings.createRecord(vssd != null ? vssd : emptyVssd()));
        created.vm(vm);
        return vm;
    }

    /** xapi's VM.clone of the template (no disk of it on an SR an array serves), made a VM. */
    private static String cloneTemplate(PoolSession session, VmRecord template, String name, CreatedObjects created)
            throws XenFailure {
        String vm = session.vms().cloneVm(template.uuid(), name != null ? name : template.nameLabel())
                .await(CLONE_TIMEOUT, p -> { });
        created.vm(vm);
        session.vms().set(vm, "is_a_template", false);
        return vm;
    }

    MethodResult copy(RequestContext ctx, Map<String, Object> in) throws CimException, XenFailure {
        VmRecord source = service.vm(args.ref("ReferenceConfiguration", in.get("ReferenceConfiguration")),
                "ReferenceConfiguration");
        CimInstance vssd = args.instance("SystemSettings", in.get("SystemSettings"));
        String sr = storagePool(args.ref("StoragePool", in.get("StoragePool")));
        String given = vssd == null ? null : EmbeddedArgs.str(vssd.get("ElementName"));
        String name = given != null ? given : "Copy of " + source.nameLabel();
        PoolSession session = env.sessionFor(ctx);
        CreatedObjects created = new CreatedObjects();
        JobManager.JobRef job = submit(ctx, CREATE_JOB, source.uuid(), "CopySystem",
                "copy VM " + source.nameLabel() + " to SR " + sr, session, created, (jc, task) -> {
                    String[] path = {""};
                    String vm = copyVm(jc, source, name, sr, created, path);
                    if (vssd != null) {
                        SystemSettings.apply(jc.session().vms(), vm, vssd);
                    }
                    Map<String, String> props = new LinkedHashMap<>();
                    props.put("ResultingSystem", VirtualSystemManagement.systemPath(vm).toString());
                    if (!path[0].isEmpty()) {
                        props.put("StoragePath", path[0]);
                    }
                    record(task, props);
                    return vm;
                });
        return MethodEnvironment.jobStarted(job);
    }

    /**
     * CopySystem's VM: a halted VM with a disk on the target SR an array serves is built by VM.create
     * and the offload layer ({@link ArrayBuilds}; {@code path[0]} is then the job's StoragePath), any
     * other by xapi's VM.copy (which refuses a running VM itself).
     */
    private String copyVm(JobContext jc, VmRecord source, String name, String sr, CreatedObjects created, String[] path)
            throws XenFailure, JobFailure {
        PoolSnapshot pool = env.pool().get();
        ArrayBuilds builds = new ArrayBuilds(env);
        boolean halted = source.powerState() == org.xenwbem.bridge.PowerState.Halted;
        if (halted && !builds.offloadableOn(pool, source.uuid(), sr).isEmpty()) {
            String vm = builds.createVm(jc.session(), pool, source.uuid(), name, created);
            path[0] = builds.copyDisks(jc, pool, source.uuid(), vm, sr, created);
            return vm;
        }
        String vm = jc.follow(jc.session().vms().copy(source.uuid(), name, sr), 0, 90, LONG_TIMEOUT);
        created.vm(vm);
        if (source.isATemplate()) {
            jc.session().vms().set(vm, "is_a_template", false);
        }
        return vm;
    }

    MethodResult addResources(RequestContext ctx, Map<String, Object> in) throws CimException, XenFailure {
        VmRecord vm = affected(in);
        List<CimInstance> rasds = args.instances("ResourceSettings", in.get("ResourceSettings"));
        if (rasds.isEmpty() || !supported(rasds)) {
            return MethodResult.of(MethodEnvironment.INVALID_PARAMETER);
        }
        PoolSession session = env.sessionFor(ctx);
        CreatedObjects created = new CreatedObjects();
        JobManager.JobRef job = submit(ctx, MODIFY_JOB, vm.uuid(), "AddResourceSettings",
                "add resources to VM " + vm.nameLabel(), session, created, (jc, task) -> {
                    List<String> affected = apply(jc, vm.uuid(), rasds, created, 0);
                    record(task, Map.of("AffectedResources", String.join(";", affected)));
                    return "";
                });
        return MethodEnvironment.jobStarted(job);
    }

    /**
     * The VM AddResourceSettings changes: AffectedConfiguration (DSP1042), or AffectedSystem (the
     * Citrix PowerShell library's name); both given must name the same VM.
     */
    private VmRecord affected(Map<String, Object> in) throws CimException {
        CimObjectPath config = args.ref("AffectedConfiguration", in.get("AffectedConfiguration"));
        CimObjectPath system = args.ref("AffectedSystem", in.get("AffectedSystem"));
        if (config == null && system == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "AffectedConfiguration (or AffectedSystem) is required");
        }
        VmRecord vm = config != null ? service.vm(config, "AffectedConfiguration") : service.vm(system, "AffectedSystem");
        if (config != null && system != null && !service.vm(system, "AffectedSystem").uuid().equals(vm.uuid())) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "AffectedConfiguration and AffectedSystem name different VMs");
        }
        return vm;
    }

    /** The anchor's singular, synchronous form: one RASD, ResultingResourceSetting at once. */
    MethodResult addResource(RequestContext ctx, Map<String, Object> in) throws CimException, XenFailure {
        VmRecord vm = service.vm(args.ref("AffectedSystem", in.get("AffectedSystem")), "AffectedSystem");
        CimInstance rasd = args.instance("ResourceSetting", in.get("ResourceSetting"));
        if (rasd == null || !supported(List.of(rasd))) {
            return MethodResult.of(MethodEnvironment.INVALID_PARAMETER);
        }
        CreatedObjects created = new CreatedObjects();
        try (PoolSession s = env.sessionFor(ctx)) {
            try {
                CimObjectPath p = new ResourceSettings(s, env.pool().get(), created).add(vm.uuid(), rasd);
                awaitPair(p);
                return new MethodResult(MethodEnvironment.COMPLETED, Map.of("ResultingResourceSetting", p));
            } catch (XenFailure f) {
                created.undo(s);
                throw f;
            } catch (JobFailure f) {
                created.undo(s);
                throw new CimException(CimStatus.INVALID_PARAMETER, f.getMessage());
            }
        }
    }

    /** The body of a creating job, told its own task uuid; what it created is undone when it throws. */
    @FunctionalInterface
    interface CreatingWork {
        String run(JobContext jc, String task) throws XenFailure, JobFailure, InterruptedException;
    }

    private JobManager.JobRef submit(RequestContext ctx, String jobClass, String lockKey, String method,
                                     String description, PoolSession session, CreatedObjects created,
                                     CreatingWork work) throws CimException, XenFailure {
        CompletableFuture<String> task = new CompletableFuture<>();
        JobWork undoing = jc -> {
            try {
                return work.run(jc, task.get(30, TimeUnit.SECONDS));
            } catch (XenFailure | JobFailure | InterruptedException | RuntimeException e) {
                created.undo(jc.session());
                throw e;
            } catch (ExecutionException | TimeoutException e) {
                created.undo(jc.session());
                throw new JobFailure((int) MethodEnvironment.FAILED, "the job could not start: " + e.getMessage());
            }
        };
        try {
            JobManager.JobRef ref = env.jobs().submit(jobClass, lockKey, method, description, session, undoing);
            task.complete(ref.taskUuid());
            return ref;
        } catch (XenFailure f) {
            task.completeExceptionally(f);
            if (!created.isEmpty()) {
                try (PoolSession again = env.sessionFor(ctx)) {
                    created.undo(again);
                }
            }
            throw f;
        }
    }

    /** Applies the RASDs in order, progress from {@code from} to 100; the RASDs' paths. */
    private List<String> apply(JobContext jc, String vm, List<CimInstance> rasds, CreatedObjects created, int from)
            throws XenFailure, JobFailure {
        ResourceSettings rs = new ResourceSettings(jc.session(), env.pool().get(), created);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < rasds.size(); i++) {
            if (jc.killed()) {
                throw new JobFailure((int) MethodEnvironment.FAILED, "the job was killed");
            }
            CimObjectPath p = rs.add(vm, rasds.get(i));
            awaitPair(p);
            paths.add(p.toString());
            jc.progress(from + (100 - from) * (i + 1) / rasds.size());
        }
        return paths;
    }

    /** A guest key/value pair just added is in the mirror before the method answers (read-your-writes). */
    private void awaitPair(CimObjectPath rasd) {
        if (rasd.className().equalsIgnoreCase(ResourceSettings.KVP)) {
            GuestPairs.awaitMirror(env.bridge().mirror(), rasd, true);
        }
    }

    /** Job-class properties (ResultingSystem, AffectedResources) in the job's task, as the anchor kept them. */
    private void record(String task, Map<String, String> entries) {
        try {
            env.jobs().record(task, entries);
        } catch (XenFailure f) {
            LOG.warn("could not record {} in job {}: {}", entries.keySet(), task, f.code());
        }
    }

    /** Every RASD has a ResourceType this service can add. */
    private static boolean supported(List<CimInstance> rasds) {
        for (CimInstance r : rasds) {
            if (!ResourceSettings.TYPES.contains(ResourceSettings.type(r))) {
                return false;
            }
        }
        return true;
    }

    /** The SR a Xen_StoragePool reference names (PoolID, or InstanceID {@code Xen:<host>/<sr>}), else the default SR. */
    private String storagePool(CimObjectPath ref) throws CimException {
        PoolSnapshot pool = env.pool().get();
        String sr;
        if (ref == null) {
            sr = pool.pool() == null ? null : pool.pool().defaultSrUuid();
        } else {
            String text = EmbeddedArgs.str(ref.key("PoolID") != null ? ref.key("PoolID") : ref.key("InstanceID"));
            sr = text == null ? null : text.substring(Math.max(text.lastIndexOf('/'), text.lastIndexOf(':')) + 1);
        }
        if (sr == null || sr.isEmpty() || pool.sr(sr).isEmpty()) {
            throw new CimException(CimStatus.INVALID_PARAMETER,
                    ref == null ? "no StoragePool given and the pool has no default SR" : "StoragePool " + ref + " names no SR");
        }
        return sr;
    }

    private CimInstance emptyVssd() {
        return CimInstance.builder(env.classes().get("Xen_ComputerSystemSettingData"))
                .namespace(MethodEnvironment.NAMESPACE).build();
    }
}
