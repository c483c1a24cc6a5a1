package org.xenwbem.provider.classes.vm;

import java.time.Duration;
import java.util.Map;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.VmOps;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.cim.CimDateTime;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.jobs.JobManager;
import org.xenwbem.provider.methods.TabledMethodProvider;
import org.xenwbem.provider.methods.MethodEnvironment;
import org.xenwbem.provider.methods.Rbac;

/**
 * {@code Xen_ComputerSystem.RequestStateChange} (anchor §5.2): the nine mappings from CIM states
 * to VM power operations, run as a {@code Xen_SystemStateChangeJob}; 4097 for a transition the VM's
 * current power state does not allow. Needs at least the vm-operator role.
 */
public final class VmStateChange extends TabledMethodProvider {
    static final String CLASS = "Xen_ComputerSystem";
    public static final String JOB_CLASS = "Xen_SystemStateChangeJob";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);


    public VmStateChange(MethodEnvironment env) {
        super(env, CLASS);
        methods().method("RequestStateChange", Rbac.VM_OPERATOR, "change the power state of a VM", this::requestStateChange)
                .method("SetupKVPCommunication", Rbac.VM_ADMIN, "set up guest key/value pairs of a VM",
                        new KvpSetup(env)::setup);
    }

    private MethodResult requestStateChange(RequestContext ctx, CimObjectPath target, CimMethod method, Map<String, Object> in)
            throws CimException {
        VmRecord vm = env.pool().get().vm(String.valueOf(target.key("Name")))
                .filter(v -> !v.isATemplate() && !v.isASnapshot())
                .orElseThrow(() -> new CimException(CimStatus.NOT_FOUND, "no VM " + target));
        if (!(in.get("RequestedState") instanceof Long requested)) {
            return MethodResult.of(MethodEnvironment.INVALID_PARAMETER);
        }
        VmOps.Power t = transition(requested, vm.powerState());
        if (t == null || vm.isControlDomain()) {
            return MethodResult.of(MethodEnvironment.INVALID_STATE_TRANSITION);
        }
        Duration timeout = timeout(in.get("TimeoutPeriod"));
        PoolSession session = env.sessionFor(ctx);
        try {
            JobManager.JobRef job = env.jobs().submit(JOB_CLASS, vm.uuid(), "RequestStateChange",
                    "RequestedState " + requested + " of VM " + vm.nameLabel(), session,
                    jc -> {
                        jc.follow(jc.session().vms().power(t, vm.uuid()), 0, 100, timeout);
                        awaitMirror(vm.uuid(), expected(requested));
                        return "";
                    });
            return MethodEnvironment.jobStarted(job);
        } catch (XenFailure f) {
            throw MethodEnvironment.toCim(f);
        }
    }

    /** The anchor's table: the power call for the VM's current state; null when that state rules the request out. */
    static VmOps.Power transition(long requested, PowerState p) {
        return switch ((int) requested) {
            case 2 -> switch (p) {
                case Halted -> VmOps.Power.START;
                case Paused -> VmOps.Power.UNPAUSE;
                case Suspended -> VmOps.Power.RESUME;
                default -> null;
            };
            case 3, 4 -> p == PowerState.Running ? VmOps.Power.CLEAN_SHUTDOWN
                    : p == PowerState.Halted ? null : VmOps.Power.HARD_SHUTDOWN;
            case 6 -> p == PowerState.Running ? VmOps.Power.SUSPEND : null;
            case 9 -> p == PowerState.Running ? VmOps.Power.PAUSE : null;
            case 10 -> p == PowerState.Running ? VmOps.Power.CLEAN_REBOOT : null;
            case 11, 32769 -> p == PowerState.Running || p == PowerState.Paused ? VmOps.Power.HARD_REBOOT : null;
            case 32768 -> p == PowerState.Halted ? null : VmOps.Power.HARD_SHUTDOWN;
            default -> null;
        };
    }

    /** The power state a successful request leaves the VM in. */
    static PowerState expected(long requested) {
        return switch ((int) requested) {
            case 2, 10, 11, 32769 -> PowerState.Running;
            case 6 -> PowerState.Suspended;
            case 9 -> PowerState.Paused;
            default -> PowerState.Halted;
        };
    }

    /** Read-your-writes: the job completes once the mirror (and so every Get) shows the new state. */
    private void awaitMirror(String vm, PowerState state) throws InterruptedException {
        env.bridge().mirror().await(s -> s.vm(vm).map(v -> v.powerState() == state).orElse(true), Duration.ofSeconds(10));
    }

    static Duration timeout(Object period) {
        if (period instanceof CimDateTime dt && dt.isInterval() && !dt.interval().isZero()) {
            return dt.interval();
        }
        return DEFAULT_TIMEOUT;
    }
}
