package org.xenwbem.provider.classes.host;

import java.time.Duration;
import java.util.Map;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.ops.HostOps;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.cim.CimMethod;
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
import org.xenwbem.provider.methods.MethodEnvironment;
import org.xenwbem.provider.methods.Rbac;

/**
 * {@code Xen_HostComputerSystem.RequestStateChange} (anchor §5.3): 3 enters maintenance mode
 * (host.disable + {@code other_config:MAINTENANCE_MODE=true}, as XenCenter shows it), 32768 does the
 * same after evacuating the host's VMs (beyond the anchor), 2 leaves maintenance (or powers the host
 * on), 4 and 10 shut down / reboot inside maintenance. Needs at least the pool-operator role.
 */
public final class HostStateChange implements TabledMethods {
    static final String CLASS = "Xen_HostComputerSystem";
    /** The job a host state change returns (the same class as a VM's, as in the anchor). */
    static final String JOB_CLASS = "Xen_SystemStateChangeJob";
    public static final long MAINTENANCE_WITH_EVACUATION = 32768;
    static final String MAINTENANCE = "MAINTENANCE_MODE";
    private static final Duration LONG = Duration.ofHours(2);

    private final MethodEnvironment env;
    private final MethodTable methods;

    public HostStateChange(MethodEnvironment env) {
        this.env = env;
        this.methods = MethodTable.of(CLASS)
                .method("RequestStateChange", Rbac.POOL_OPERATOR, "change the state of a host", this::requestStateChange);
    }

    @Override
    public MethodTable methods() {
        return methods;
    }

    private MethodResult requestStateChange(RequestContext ctx, CimObjectPath target, CimMethod method, Map<String, Object> in)
            throws CimException {
        HostRecord host = env.pool().get().host(String.valueOf(target.key("Name")))
                .orElseThrow(() -> new CimException(CimStatus.NOT_FOUND, "no host " + target));
        if (!(in.get("RequestedState") instanceof Long requested)) {
            return MethodResult.of(MethodEnvironment.INVALID_PARAMETER);
        }
        JobWork work = work(requested, host);
        if (work == null) {
            return MethodResult.of(MethodEnvironment.INVALID_STATE_TRANSITION);
        }
        try {
            JobManager.JobRef job = env.jobs().submit(JOB_CLASS, "host:" + host.uuid(),
                    "RequestStateChange", "RequestedState " + requested + " of host " + host.nameLabel(),
                    env.sessionFor(ctx), work);
            return MethodEnvironment.jobStarted(job);
        } catch (XenFailure f) {
            throw MethodEnvironment.toCim(f);
        }
    }

    private JobWork work(long requested, HostRecord host) {
        String h = host.uuid();
        return switch ((int) requested) {
            case 3 -> jc -> enterMaintenance(jc, h, false);
            case (int) MAINTENANCE_WITH_EVACUATION -> jc -> enterMaintenance(jc, h, true);
            case 2 -> host.live() || !host.allowedOperations().contains("power_on")
                    ? jc -> leaveMaintenance(jc.session().hosts(), h)
                    : jc -> jc.follow(jc.session().hosts().powerOn(h), 0, 100, LONG);
            case 4 -> jc -> {
                enterMaintenance(jc, h, false);
                jc.follow(jc.session().hosts().shutdown(h), 20, 100, LONG);
                jc.session().hosts().removeFromOtherConfig(h, MAINTENANCE);
                return "";
            };
            case 10 -> jc -> {
                enterMaintenance(jc, h, false);
                jc.follow(jc.session().hosts().reboot(h), 20, 100, LONG);
                leaveMaintenance(jc.session().hosts(), h);
                return "";
            };
            default -> null;
        };
    }

    private static String enterMaintenance(JobContext jc, String h, boolean evacuate) throws XenFailure, JobFailure {
        HostOps hosts = jc.session().hosts();
        hosts.disable(h);
        hosts.removeFromOtherConfig(h, MAINTENANCE);
        hosts.addToOtherConfig(h, MAINTENANCE, "true");
        jc.progress(evacuate ? 10 : 100);
        if (evacuate) {
            jc.follow(hosts.evacuate(h), 10, 100, LONG);
        }
        return "";
    }

    private static String leaveMaintenance(HostOps hosts, String h) throws XenFailure {
        hosts.removeFromOtherConfig(h, MAINTENANCE);
        hosts.enable(h);
        return "";
    }
}
