package org.xenwbem.provider.classes.jobs;

import java.util.ArrayList;
import org.xenwbem.provider.classes.common.Ids;
import java.util.List;
import org.xenwbem.bridge.TaskRecord;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.ReadThroughProvider;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.jobs.JobState;
import org.xenwbem.provider.methods.MethodTable;
import org.xenwbem.provider.methods.TabledMethodProvider;
import org.xenwbem.provider.methods.MethodEnvironment;
import org.xenwbem.provider.methods.Rbac;

/**
 * Controlling jobs: {@code KillJob} and {@code RequestStateChange} (4 Terminate, 5 Kill) cancel the
 * job's xapi operation — on this daemon's own jobs directly, on another member's through the xapi
 * subtask — and DeleteInstance removes a finished job. Only xenwbem's jobs, and only their owner or
 * a pool-operator, may be touched.
 */
public final class JobControl extends TabledMethodProvider {
    static final String JOB = "Xen_Job";
    /** Every role may ask; {@link #ownJob} then requires the job to be the caller's, or pool-operator. */
    private static final String KILL = "control a job";

    public JobControl(MethodEnvironment env) {
        super(env, JOB);
        MethodTable.Handler notSupported = (ctx, target, method, in) -> MethodResult.of(MethodEnvironment.NOT_SUPPORTED);
        methods().method("KillJob", Rbac.READ_ONLY, KILL, (ctx, target, method, in) -> kill(ctx, target))
                .method("RequestStateChange", Rbac.READ_ONLY, KILL, (ctx, target, method, in) ->
                        Long.valueOf(4).equals(in.get("RequestedState")) || Long.valueOf(5).equals(in.get("RequestedState"))
                                ? kill(ctx, target) : notSupported.handle(ctx, target, method, in))
                .otherwise(Rbac.READ_ONLY, KILL, notSupported);
    }

    /** Kills a job the caller owns (or any xenwbem job, for a pool-operator): ownJob checks that. */
    private MethodResult kill(RequestContext ctx, CimObjectPath target) throws CimException {
        TaskRecord task = ownJob(ctx, target);
        if (JobState.finished(state(task))) {
            return MethodResult.of(MethodEnvironment.INVALID_STATE_TRANSITION);
        }
        if (env.jobs().kill(task.uuid())) {
            return MethodResult.of(MethodEnvironment.COMPLETED);
        }
        String sub = task.otherConfig().get(JobState.SUBTASK);
        if (sub == null) {
            return MethodResult.of(MethodEnvironment.FAILED);
        }
        try (PoolSession s = env.sessionFor(ctx)) {
            s.tasks().cancel(sub);
            return MethodResult.of(MethodEnvironment.COMPLETED);
        } catch (XenFailure f) {
            throw MethodEnvironment.toCim(f);
        }
    }

    /** The task of a xenwbem job the caller may control; NOT_FOUND / ACCESS_DENIED otherwise. */
    TaskRecord ownJob(RequestContext ctx, CimObjectPath target) throws CimException {
        String id = String.valueOf(target.key("InstanceID"));
        String uuid = Ids.withoutPrefix(id);
        TaskRecord t = env.pool().get().task(uuid).filter(r -> r.otherConfig().containsKey(JobState.CLASS))
                .orElseThrow(() -> new CimException(CimStatus.NOT_FOUND, "no xenwbem job " + id));
        if (!ctx.user().equals(t.otherConfig().get(JobState.OWNER))) {
            Rbac.require(ctx, Rbac.POOL_OPERATOR, "control another user's job");
        }
        return t;
    }

    static int state(TaskRecord t) {
        try {
            return Integer.parseInt(t.otherConfig().getOrDefault(JobState.STATE, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Wraps the job classes' instance providers so that DeleteInstance removes finished jobs. */
    public List<InstanceProvider> deletable(List<InstanceProvider> providers) {
        List<InstanceProvider> out = new ArrayList<>();
        for (InstanceProvider p : providers) {
            boolean job = env.classes().get(p.className()) != null && env.classes().isA(p.className(), JOB);
            out.add(job ? new Deletable(p) : p);
        }
        return out;
    }

    private final class Deletable extends ReadThroughProvider {
        Deletable(InstanceProvider inner) {
            super(inner);
        }

        @Override
        public void deleteInstance(RequestContext ctx, CimObjectPath path) throws CimException {
            TaskRecord t = ownJob(ctx, path);
            if (!JobState.finished(state(t))) {
                throw new CimException(CimStatus.FAILED, "job " + t.uuid() + " is still running; kill it first");
            }
            try {
                env.jobs().delete(t.uuid());
            } catch (XenFailure f) {
                throw MethodEnvironment.toCim(f);
            }
        }
    }
}
