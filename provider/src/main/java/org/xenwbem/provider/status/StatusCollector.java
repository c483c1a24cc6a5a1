package org.xenwbem.provider.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.MirrorHealth;
import org.xenwbem.bridge.PoolRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.TaskRecord;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.provider.cimom.indications.SubscriptionInfo;
import org.xenwbem.provider.jobs.JobState;
import org.xenwbem.provider.transfer.ActiveTransfer;

/**
 * Reads the daemon's state into a {@link StatusReport}: from the mirror's snapshot and health (never
 * a xapi call, so the page answers while xapi does not), the job tasks in that snapshot, the open
 * transfers and the live subscriptions.
 */
public final class StatusCollector {
    /** Running VMs named per host; the rest are counted. */
    static final int VM_NAMES = 12;
    /** Finished jobs shown, newest first. */
    static final int RECENT_JOBS = 10;
    static final String WINRM_CLASS = "http://schemas.citrix.com/wbem/wscim/1/cim-schema/2/Xen_HostComputerSystem";

    /** Where the collector reads; each supplier is cheap and never blocks. */
    public record Sources(Supplier<PoolSnapshot> snapshot, Supplier<MirrorHealth> health,
                          Supplier<List<ActiveTransfer>> transfers, Supplier<List<SubscriptionInfo>> subscriptions,
                          Supplier<StatusReport.Load> load) {
        /** Sources without a load reading (it shows as zeros). */
        public Sources(Supplier<PoolSnapshot> snapshot, Supplier<MirrorHealth> health,
                       Supplier<List<ActiveTransfer>> transfers, Supplier<List<SubscriptionInfo>> subscriptions) {
            this(snapshot, health, transfers, subscriptions, () -> StatusReport.Load.NONE);
        }
    }

    /** The certificate served now: it changes when the PEM is rotated (tls CertificateReloader). */
    public record Served(String cn, String fingerprint, boolean selfSigned) {
    }

    private final String version;
    private final Supplier<Served> certificate;
    private final Supplier<String> endpoint;
    private final Sources sources;
    private final Clock clock;

    /**
     * @param endpoint   {@code https://host:port} as clients reach this daemon, for the winrm line
     * @param selfSigned the certificate is self-signed: the winrm line says {@code -skipcacheck}
     */
    public StatusCollector(String version, String cn, String fingerprint, Supplier<String> endpoint, boolean selfSigned,
                           Sources sources, Clock clock) {
        this(version, () -> new Served(cn, fingerprint, selfSigned), endpoint, sources, clock);
    }

    /** @param certificate the certificate served at the time of each request */
    public StatusCollector(String version, Supplier<Served> certificate, Supplier<String> endpoint, Sources sources,
                           Clock clock) {
        this.version = version;
        this.certificate = certificate;
        this.endpoint = endpoint;
        this.sources = sources;
        this.clock = clock;
    }

    /** What anyone may read. */
    public StatusReport safe() {
        return report(sources.health().get(), null);
    }

    /** Everything, for a pool-admin ({@code user}, who is named on the page and in the winrm line). */
    public StatusReport full(String user) {
        PoolSnapshot s = sources.snapshot().get();
        MirrorHealth h = sources.health().get();
        Instant now = clock.instant();
        List<TaskRecord> jobs = s.tasks().stream().filter(t -> t.otherConfig().containsKey(JobState.CLASS)).toList();
        StatusReport.Detail d = new StatusReport.Detail(user, now, pool(s), hosts(s), xapi(h, now),
                jobs.stream().filter(t -> !JobState.finished(state(t))).sorted(Comparator.comparing(
                        StatusCollector::started)).map(StatusCollector::job).toList(),
                jobs.stream().filter(t -> JobState.finished(state(t))).sorted(Comparator.comparing(
                        StatusCollector::finished).reversed()).limit(RECENT_JOBS).map(StatusCollector::job).toList(),
                sources.transfers().get().stream().map(t -> transfer(s, t)).toList(),
                sources.subscriptions().get(), winrm(user), sources.load().get());
        return report(h, d);
    }

    private StatusReport report(MirrorHealth h, StatusReport.Detail d) {
        Served c = certificate.get();
        return new StatusReport(version, c.cn(), c.fingerprint(),
                h.healthy() ? StatusReport.HEALTHY : StatusReport.DEGRADED, d);
    }

    /** The line to type on the SCVMM server (the project's one form, as {@code xenwbem doctor} prints it). */
    private String winrm(String user) {
        return "winrm enum " + WINRM_CLASS + " -r:" + endpoint.get() + " -encoding:utf-8 -a:basic -u:" + user
                + " -p:<password of " + user + ">" + (certificate.get().selfSigned() ? " -skipcacheck" : "");
    }

    private static StatusReport.Pool pool(PoolSnapshot s) {
        PoolRecord p = s.pool();
        String master = p.masterUuid();
        return new StatusReport.Pool(p.uuid(), p.nameLabel(), master,
                s.host(master).map(HostRecord::nameLabel).orElse(""), p.haEnabled());
    }

    private static List<StatusReport.Host> hosts(PoolSnapshot s) {
        String master = s.pool().masterUuid();
        List<StatusReport.Host> out = new ArrayList<>();
        for (HostRecord h : s.hosts()) {
            List<String> running = s.vms().stream()
                    .filter(v -> h.uuid().equals(v.residentOnHostUuid()) && v.powerState() == PowerState.Running
                            && !v.isControlDomain() && !v.isATemplate() && !v.isASnapshot())
                    .map(VmRecord::nameLabel).sorted().toList();
            String state = !h.live() ? "down" : h.enabled() ? "up" : "disabled";
            out.add(new StatusReport.Host(h.uuid(), h.nameLabel(), h.address(), state, h.uuid().equals(master),
                    running.size(), running.subList(0, Math.min(VM_NAMES, running.size()))));
        }
        out.sort(Comparator.comparing(StatusReport.Host::name).thenComparing(StatusReport.Host::uuid));
        return out;
    }

    private static StatusReport.Xapi xapi(MirrorHealth h, Instant now) {
        Long lag = h.lastHeard() == null ? null : Math.max(0, Duration.between(h.lastHeard(), now).toSeconds());
        return new StatusReport.Xapi(h.master(), h.synced(), h.stale(), h.lastHeard(), lag, h.problem());
    }

    private static StatusReport.Job job(TaskRecord t) {
        Map<String, String> c = t.otherConfig();
        int state = state(t);
        String error = state == JobState.EXCEPTION || state == JobState.KILLED
                ? (c.getOrDefault(JobState.ERROR_CODE, "") + " " + c.getOrDefault(JobState.ERROR_DESCRIPTION, "")).trim()
                : "";
        int percent = (int) Math.max(0, Math.min(100, number(c.get(JobState.PERCENT), 0)));
        return new StatusReport.Job(t.uuid(), c.getOrDefault(JobState.METHOD, t.nameLabel()), c.get(JobState.CLASS),
                c.getOrDefault(JobState.OWNER, ""), stateName(state), percent, started(t),
                JobState.finished(state) ? finished(t) : null, error);
    }

    private static StatusReport.Transfer transfer(PoolSnapshot s, ActiveTransfer t) {
        String name = s.vdi(t.vdiUuid()).map(v -> v.nameLabel()).orElse("");
        return new StatusReport.Transfer(t.handle(), t.vdiUuid(), name, t.diskSize(), t.readOnly(), t.owner(), t.opened(),
                t.lastUsed(), t.requests(), t.uploading());
    }

    static String stateName(int state) {
        return switch (state) {
            case JobState.NEW -> "New";
            case JobState.RUNNING -> "Running";
            case JobState.COMPLETED -> "Completed";
            case JobState.KILLED -> "Terminated";
            case JobState.EXCEPTION -> "Exception";
            default -> "Unknown";
        };
    }

    private static int state(TaskRecord t) {
        return (int) number(t.otherConfig().get(JobState.STATE), JobState.NEW);
    }

    private static Instant started(TaskRecord t) {
        long s = number(t.otherConfig().get(JobState.STARTED), -1);
        return s >= 0 ? Instant.ofEpochSecond(s) : t.created() == null ? Instant.EPOCH : t.created();
    }

    private static Instant finished(TaskRecord t) {
        long s = number(t.otherConfig().get(JobState.FINISHED), -1);
        return s >= 0 ? Instant.ofEpochSecond(s) : t.finished() == null ? started(t) : t.finished();
    }

    private static long number(String v, long otherwise) {
        try {
            return v == null ? otherwise : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
