package org.xenwbem.provider.status;

import java.time.Instant;
import java.util.List;
import org.xenwbem.provider.cimom.indications.SubscriptionInfo;

/**
 * One reading of the status page. The safe part ({@code version}, the certificate, {@code health})
 * is for anyone; {@code detail} is null unless the caller is a pool-admin. Its JSON form
 * ({@link StatusJson}) is the documented shape scripts read.
 *
 * @param health "healthy" (the mirror is synced and hears from xapi) or "degraded"
 */
public record StatusReport(String version, String certificateCn, String certificateSha256, String health,
                           Detail detail) {
    public static final String HEALTHY = "healthy";
    public static final String DEGRADED = "degraded";

    /** This report without its pool-admin part. */
    public StatusReport safe() {
        return new StatusReport(version, certificateCn, certificateSha256, health, null);
    }

    /** The pool-admin part. {@code user} is the caller the page was made for. */
    public record Detail(String user, Instant generatedAt, Pool pool, List<Host> hosts, Xapi xapi,
                         List<Job> runningJobs, List<Job> recentJobs, List<Transfer> transfers,
                         List<SubscriptionInfo> subscriptions, String winrm, Load load) {
        public Detail(String user, Instant generatedAt, Pool pool, List<Host> hosts, Xapi xapi, List<Job> runningJobs,
                      List<Job> recentJobs, List<Transfer> transfers, List<SubscriptionInfo> subscriptions, String winrm) {
            this(user, generatedAt, pool, hosts, xapi, runningJobs, recentJobs, transfers, subscriptions, winrm, Load.NONE);
        }

        public Detail {
            hosts = List.copyOf(hosts);
            runningJobs = List.copyOf(runningJobs);
            recentJobs = List.copyOf(recentJobs);
            transfers = List.copyOf(transfers);
            subscriptions = List.copyOf(subscriptions);
        }
    }

    /** The pool and its master ("" when the mirror has not seen them yet). */
    public record Pool(String uuid, String name, String masterUuid, String masterName, boolean haEnabled) {
    }

    /**
     * A host: {@code state} is "up" (live and enabled), "disabled" (live, not enabled: maintenance) or
     * "down" (xapi does not hear from it); {@code runningVms} names up to {@link StatusCollector#VM_NAMES}
     * of its {@code runningVmCount} running VMs.
     */
    public record Host(String uuid, String name, String address, String state, boolean master, int runningVmCount,
                       List<String> runningVms) {
        public Host {
            runningVms = List.copyOf(runningVms);
        }
    }

    /**
     * The xapi connection as the pool mirror sees it: {@code lagSeconds} is the age of the last answer
     * (null before the first one).
     */
    public record Xapi(String master, boolean synced, boolean stale, Instant lastHeard, Long lagSeconds,
                       String problem) {
    }

    /**
     * A CIM job (a xapi task of this daemon's): {@code state} is New, Running, Completed, Terminated
     * or Exception; {@code error} is "" unless it failed.
     */
    public record Job(String id, String method, String jobClass, String owner, String state, int percent,
                      Instant started, Instant finished, String error) {
    }

    /** An open disk transfer connection; {@code vdiName} from the mirror ("" when unknown). */
    public record Transfer(String handle, String vdiUuid, String vdiName, long diskSize, boolean readOnly, String owner,
                           Instant opened, Instant lastUsed, int requests, boolean uploading) {
    }

    /**
     * What the daemon holds for its clients now (cheap counters, for a soak's watcher): open WS-Man
     * enumeration contexts, open CIM-XML pull enumerations, requests in progress over both protocols.
     */
    public record Load(int enumerationContexts, int pullEnumerations, int operationsInProgress) {
        public static final Load NONE = new Load(0, 0, 0);
    }
}
