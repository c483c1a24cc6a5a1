package org.xenwbem.provider.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.HostMetricsRecord;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.MirrorHealth;
import org.xenwbem.bridge.PoolRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.TaskRecord;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.provider.jobs.JobState;
import org.xenwbem.provider.transfer.ActiveTransfer;

/** What the collector reads from a snapshot: host states, running VMs, jobs (running, recent), mirror lag. */
class StatusCollectorTest {
    static final Instant NOW = Instant.parse("2026-12-06T18:00:00Z");
    private final List<Object> records = new ArrayList<>();

    private static HostRecord host(String uuid, String name, boolean live, boolean enabled) {
        return new HostRecord(uuid, name, "", name + ".lan", "10.0.0." + uuid.charAt(1), enabled, Map.of(), Map.of(), 4,
                null, "2.21", new HostMetricsRecord("m" + uuid, 1L << 34, 1L << 33, live, NOW), 0, Map.of(), "", Map.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), "");
    }

    private static VmRecord vm(String uuid, String name, PowerState p, String host, boolean dom0) {
        return new VmRecord(uuid, name, "", p, false, false, dom0, false, "", null, host, "", 1, 1, 1, 1, 1, 1,
                p == PowerState.Running ? 1 : -1, Map.of(), Map.of(), null, 1, 0, "hvm", 0, Map.of(), "destroy", "restart",
                "restart", "BIOS order", Map.of(), 1.0, "", "", "", "", "", "", Map.of(), List.of(), Map.of(), Map.of(),
                List.of(), "", List.of(), List.of(), List.of(), List.of(), List.of(), "", "");
    }

    private static TaskRecord job(String uuid, int state, int percent, long finishedAt, String error) {
        Map<String, String> c = new HashMap<>(Map.of(JobState.CLASS, "Xen_StorageJob", JobState.STATE, "" + state,
                JobState.PERCENT, "" + percent, JobState.OWNER, "alice", JobState.METHOD, "CopyDiskImage",
                JobState.STARTED, "" + (NOW.getEpochSecond() - 100)));
        if (finishedAt > 0) {
            c.put(JobState.FINISHED, "" + finishedAt);
        }
        if (!error.isEmpty()) {
            c.put(JobState.ERROR_CODE, "SR_FULL");
            c.put(JobState.ERROR_DESCRIPTION, error);
        }
        return new TaskRecord(uuid, "task", "", "pending", 0, NOW, null, "", List.of(), c, "", List.of());
    }

    private PoolSnapshot snapshot() {
        PoolRecord pool = new PoolRecord("pool-1", "Lab", "", "h1", "", true, Map.of());
        InvocationHandler h = (proxy, m, args) -> switch (m.getName()) {
            case "pool" -> pool;
            case "all" -> records.stream().filter(((Class<?>) args[0])::isInstance).toList();
            case "get" -> records.stream().filter(r -> r instanceof HostRecord x && x.uuid().equals(args[1])).findFirst();
            case "childrenOf" -> List.of();
            case "generation" -> 1L;
            default -> m.isDefault() ? InvocationHandler.invokeDefault(proxy, m, args) : Optional.empty();
        };
        return (PoolSnapshot) Proxy.newProxyInstance(PoolSnapshot.class.getClassLoader(),
                new Class<?>[] {PoolSnapshot.class}, h);
    }

    private StatusCollector collector(MirrorHealth health, List<ActiveTransfer> transfers) {
        return new StatusCollector("1.0", "cn", "FP", () -> "https://xs1:5989", false, new StatusCollector.Sources(
                this::snapshot, () -> health, () -> transfers, List::of), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void hostsTheirStatesAndTheirRunningVms() {
        records.addAll(List.of(host("h1", "xs-01", true, true), host("h2", "xs-02", true, false),
                host("h3", "xs-03", false, true), vm("d0", "Control domain", PowerState.Running, "h1", true),
                vm("v-off", "stopped", PowerState.Halted, "", false)));
        for (int i = 0; i < 14; i++) {
            records.add(vm("v" + i, String.format("vm-%02d", i), PowerState.Running, "h1", false));
        }
        StatusReport.Detail d = collector(MirrorHealth.unknown(), List.of()).full("root").detail();
        assertEquals(new StatusReport.Pool("pool-1", "Lab", "h1", "xs-01", true), d.pool());
        assertEquals(List.of("up", "disabled", "down"), d.hosts().stream().map(StatusReport.Host::state).toList());
        StatusReport.Host master = d.hosts().get(0);
        assertTrue(master.master());
        assertEquals(14, master.runningVmCount(), "dom0 and halted VMs are not counted");
        assertEquals(StatusCollector.VM_NAMES, master.runningVms().size());
        assertEquals("vm-00", master.runningVms().get(0));
        assertEquals(0, d.hosts().get(1).runningVmCount());
        assertEquals("winrm enum " + StatusCollector.WINRM_CLASS + " -r:https://xs1:5989 -encoding:utf-8 -a:basic -u:root"
                + " -p:<password of root>", d.winrm());
    }

    @Test
    void runningJobsAndTheTenNewestFinishedOnes() {
        records.add(job("run", JobState.RUNNING, 42, 0, ""));
        records.add(job("new", JobState.NEW, 0, 0, ""));
        for (int i = 0; i < 12; i++) {
            records.add(job("done" + i, JobState.COMPLETED, 100, NOW.getEpochSecond() - 60 + i, ""));
        }
        records.add(job("failed", JobState.EXCEPTION, 30, NOW.getEpochSecond(), "no space"));
        records.add(new TaskRecord("xapi-own", "VM.start", "", "pending", 0.5, NOW, null, "", List.of(), Map.of(), "",
                List.of()));
        StatusReport.Detail d = collector(MirrorHealth.unknown(), List.of()).full("root").detail();
        assertEquals(List.of("Running", "New"), d.runningJobs().stream().map(StatusReport.Job::state).toList().stream()
                .sorted(java.util.Comparator.reverseOrder()).toList());
        assertEquals(42, d.runningJobs().stream().filter(j -> j.id().equals("run")).findFirst().orElseThrow().percent());
        assertEquals(StatusCollector.RECENT_JOBS, d.recentJobs().size());
        StatusReport.Job newest = d.recentJobs().get(0);
        assertEquals("failed", newest.id());
        assertEquals("Exception", newest.state());
        assertEquals("SR_FULL no space", newest.error());
        assertEquals("done11", d.recentJobs().get(1).id());
        assertFalse(d.recentJobs().stream().anyMatch(j -> j.id().equals("done0") || j.id().equals("done1")));
        assertFalse(d.runningJobs().stream().anyMatch(j -> j.id().equals("xapi-own")), "xapi's own tasks are not jobs");
    }

    @Test
    void aStaleMirrorIsDegradedWithItsLagAndProblem() {
        MirrorHealth stale = new MirrorHealth(true, true, NOW.minusSeconds(30), "10.0.0.1", "master 10.0.0.1 not answering");
        StatusReport r = collector(stale, List.of(new ActiveTransfer("H", "vdi-x", 10, false, "bob", NOW.minusSeconds(9),
                NOW, 1, true))).full("root");
        assertEquals(StatusReport.DEGRADED, r.health());
        assertEquals(new StatusReport.Xapi("10.0.0.1", true, true, NOW.minusSeconds(30), 30L,
                "master 10.0.0.1 not answering"), r.detail().xapi());
        assertEquals("", r.detail().transfers().get(0).vdiName(), "a VDI the mirror does not know has no name");
        String html = StatusHtml.render(r, null, false);
        assertTrue(html.contains("class=\"bad\">degraded<") && html.contains(">unreachable<")
                && html.contains("30 s ago") && html.contains("master 10.0.0.1 not answering") && html.contains("uploading")
                && html.contains("9 s"), html);
        assertEquals(StatusReport.DEGRADED, collector(new MirrorHealth(false, false, null, "", "syncing"), List.of())
                .safe().health(), "not yet synchronised is degraded too");
        assertNull(collector(stale, List.of()).safe().detail());
    }
}
