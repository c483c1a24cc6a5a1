package org.xenwbem.provider.classes.host;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
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
import org.xenwbem.provider.methods.TabledMethodProvider;
import org.xenwbem.provider.methods.MethodEnvironment;
import org.xenwbem.provider.methods.Rbac;

/**
 * {@code Xen_HostComputerSystem.RequestStateChange} (anchor §5.3): 3 enters maintenance mode
 * (host.disable + {@code other_config:MAINTENANCE_MODE=true}, as XenCenter shows it), 32768 does the
 * same after evacuating the host's VMs (beyond the anchor), 2 leaves maintenance (or powers the host
 * on through host.power_on and waits until it is up), 4 and 10 shut down / reboot inside maintenance (a host
 * with resident guests refuses, and is left as it was; a reboot ends when the host is back). Needs at least
 * the pool-operator role, as xapi's host.shutdown/reboot/power_on do.
 */
public final class HostStateChange extends TabledMethodProvider {
    static final String CLASS = "Xen_HostComputerSystem";
    /** The job a host state change returns (the same class as a VM's, as in the anchor). */
    static final String JOB_CLASS = "Xen_SystemStateChangeJob";
    public static final long MAINTENANCE_WITH_EVACUATION = 32768;
    static final String MAINTENANCE = "MAINTENANCE_MODE";
    private static final Duration LONG = Duration.ofHours(2);


    public HostStateChange(MethodEnvironment env) {
        super(env, CLASS);
        methods().method("RequestStateChange", Rbac.POOL_OPERATOR, "change the state of a host", this::requestStateChange);
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
                    : jc -> powerOn(jc, h);
            case 4 -> jc -> goDown(jc, h, false);
            case 10 -> jc -> goDown(jc, h, true);
            default -> null;
        };
    }

    /**
     * 4 and 10: maintenance (host.disable), then host.shutdown / host.reboot, which xapi refuses while
     * guests are resident (HOST_IN_USE: evacuate with 32768 first); a refusal leaves maintenance again,
     * so nothing is left half-done. A reboot ends when the host has left (metrics not live) and come
     * back (a new boot time), then it leaves maintenance; a shut-down host keeps no MAINTENANCE_MODE mark.
     */
    private String goDown(JobContext jc, String h, boolean reboot) throws XenFailure, JobFailure, InterruptedException {
        HostOps hosts = jc.session().hosts();
        Instant booted = env.pool().get().host(h).map(HostRecord::bootTime).orElse(null);
        enterMaintenance(jc, h, false);
        jc.progress(10);
        try {
            jc.follow(reboot ? hosts.reboot(h) : hosts.shutdown(h), 10, 40, LONG);
        } catch (XenFailure | JobFailure e) {
            leaveMaintenance(hosts, h);
            throw e;
        }
        if (!reboot) {
            await(jc, h, x -> !x.live(), "go down", 40, 95);
            hosts.removeFromOtherConfig(h, MAINTENANCE);
            return "";
        }
        await(jc, h, x -> x.live() && !Objects.equals(x.bootTime(), booted), "come back", 40, 95);
        return leaveMaintenance(hosts, h);
    }

    /** 2 on a halted host: host.power_on, then until the host is live; it comes back out of maintenance. */
    private String powerOn(JobContext jc, String h) throws XenFailure, JobFailure, InterruptedException {
        jc.follow(jc.session().hosts().powerOn(h), 0, 30, LONG);
        await(jc, h, HostRecord::live, "come up", 30, 95);
        return leaveMaintenance(jc.session().hosts(), h);
    }

    /**
     * Waits (up to {@link #LONG}) until the mirror shows the host as {@code wanted}; FAILED otherwise. A
     * reboot is seen by the new boot time, not by a not-live moment, which events may coalesce away.
     */
    private void await(JobContext jc, String h, Predicate<HostRecord> wanted, String what, int from, int to)
            throws JobFailure, InterruptedException {
        jc.progress(from);
        boolean seen = env.bridge().mirror().await(s -> s.host(h).map(wanted::test).orElse(false), LONG);
        if (!seen || jc.killed()) {
            throw new JobFailure((int) MethodEnvironment.FAILED, "host " + h + " did not " + what + " within "
                    + LONG.toMinutes() + " minutes");
        }
        jc.progress(to);
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
