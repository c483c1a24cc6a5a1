package org.xenwbem.provider.classes.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.TaskRecord;
import org.xenwbem.cim.CimDateTime;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.jobs.JobState;

/** Tasks as jobs: class selection, state from the job manager's keys or the task, no network. */
class JobProvidersTest {
    private static final ClassRepository REPO = SchemaLoader.cimv2();
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private static TaskRecord task(String uuid, String name, String status, double progress, Map<String, String> oc) {
        return new TaskRecord(uuid, name, "desc " + uuid, status, progress, T0,
                "pending".equals(status) ? null : T0.plusSeconds(42), "",
                "failure".equals(status) ? List.of("VM_BAD_POWER_STATE", "x") : List.of(), oc, "", List.of());
    }

    private static final List<TaskRecord> TASKS = List.of(
            task("t1", "Xen_Job", "pending", 0.25, Map.of()),
            task("t2", "whatever", "success", 1.0, Map.of(JobState.CLASS, "Xen_SystemStateChangeJob",
                    JobState.STATE, "7", JobState.PERCENT, "100", JobState.STARTED, Long.toString(T0.getEpochSecond()),
                    JobState.FINISHED, Long.toString(T0.getEpochSecond() + 5))),
            task("t3", "Xen_ConnectToDiskImageJob", "success", 1.0, Map.of("TargetURI", "https://u:p@h/vdi_uuid_1")),
            task("t4", "Xen_Job", "failure", 0.5, Map.of()),
            task("t5", "VM.start", "pending", 0.5, Map.of()));

    private static PoolSnapshot snapshot() {
        return (PoolSnapshot) Proxy.newProxyInstance(PoolSnapshot.class.getClassLoader(), new Class<?>[] {PoolSnapshot.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "tasks" -> TASKS;
                    case "generation" -> 1L;
                    case "task" -> TASKS.stream().filter(t -> t.uuid().equals(args[0])).findFirst();
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static List<CimInstance> jobs(String cls) throws Exception {
        ProviderContext pc = new ProviderContext(REPO, JobProvidersTest::snapshot, "cn", () -> "");
        for (InstanceProvider p : JobProviders.all(pc)) {
            if (p.className().equals(cls)) {
                return p.enumerate(RequestContext.internal("t"));
            }
        }
        throw new AssertionError(cls);
    }

    @Test
    void eachJobTaskIsAJobOfExactlyOneClassAndXapisOwnTasksAreNone() throws Exception {
        assertEquals(List.of("Xen:t1", "Xen:t4"), jobs("Xen_Job").stream().map(i -> i.get("InstanceID")).toList());
        assertEquals(List.of("Xen:t2"), jobs("Xen_SystemStateChangeJob").stream().map(i -> i.get("InstanceID")).toList());
        assertEquals(List.of("Xen:t3"), jobs("Xen_ConnectToDiskImageJob").stream().map(i -> i.get("InstanceID")).toList());
    }

    @Test
    void stateComesFromTheJobManagerElseFromTheTask() throws Exception {
        CimInstance pending = jobs("Xen_Job").get(0);
        assertEquals(4L, pending.get("JobState"));
        assertEquals(25L, pending.get("PercentComplete"));
        assertEquals(CimDateTime.of(T0), pending.get("StartTime"));
        assertNull(pending.get("ElapsedTime"));
        CimInstance failed = jobs("Xen_Job").get(1);
        assertEquals(10L, failed.get("JobState"));
        assertEquals("VM_BAD_POWER_STATE x", failed.get("ErrorDescription"));
        assertEquals(1L, failed.get("ErrorCode"));
        CimInstance done = jobs("Xen_SystemStateChangeJob").get(0);
        assertEquals(7L, done.get("JobState"));
        assertEquals(100L, done.get("PercentComplete"));
        assertEquals(0L, done.get("ErrorCode"));
        assertEquals(CimDateTime.ofInterval(java.time.Duration.ofSeconds(5)), done.get("ElapsedTime"));
        assertEquals("https://u:p@h/vdi_uuid_1", jobs("Xen_ConnectToDiskImageJob").get(0).get("TargetURI"));
    }
}
