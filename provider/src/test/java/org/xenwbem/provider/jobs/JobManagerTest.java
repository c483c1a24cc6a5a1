package org.xenwbem.provider.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.ops.DeviceOps;
import org.xenwbem.bridge.ops.HostOps;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.TaskOps;
import org.xenwbem.bridge.ops.VmOps;
import org.xenwbem.bridge.ops.XenFailure;

/** Job life cycle against an in-memory store: states, results, errors, kill, per-key order, expiry. */
class JobManagerTest {
    private final Map<String, Map<String, String>> tasks = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    /** The keys of each task's latest update, in the order the job wrote them. */
    private final Map<String, List<String>> lastKeys = new ConcurrentHashMap<>();
    /** Updates that fail as if xapi could not be reached, before updates succeed again. */
    private final AtomicInteger unreachableUpdates = new AtomicInteger();
    private final JobStore store = new JobStore() {
        @Override
        public String create(String label, String description, Map<String, String> state) {
            String id = "task-" + ids.incrementAndGet();
            tasks.put(id, new ConcurrentHashMap<>(state));
            return id;
        }

        @Override
        public void update(String task, Map<String, String> state) throws XenFailure {
            Map<String, String> t = tasks.get(task);
            if (unreachableUpdates.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new XenFailure(XenFailure.Kind.UNAVAILABLE, "TRANSPORT", List.of(),
                        "ConnectException talking to 127.0.0.1:443", null);
            }
            if (t == null) {
                throw new XenFailure(XenFailure.Kind.NOT_FOUND, "HANDLE_INVALID", List.of("task"), "gone", null);
            }
            lastKeys.put(task, List.copyOf(state.keySet()));
            t.putAll(state);
        }

        @Override
        public void destroy(String task) {
            tasks.remove(task);
        }
    };
    private final JobManager jobs = new JobManager(store, 2, Duration.ofSeconds(2), Clock.systemUTC(), () -> "host-1");

    @AfterEach
    void close() {
        jobs.close();
    }

    private static final class FakeSession implements PoolSession {
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public String user() {
            return "alice";
        }

        @Override
        public VmOps vms() {
            throw new UnsupportedOperationException();
        }

        @Override
        public DeviceOps devices() {
            throw new UnsupportedOperationException();
        }

        @Override
        public HostOps hosts() {
            throw new UnsupportedOperationException();
        }

        @Override
        public TaskOps tasks() {
            throw new UnsupportedOperationException();
        }

        @Override
        public org.xenwbem.bridge.ops.StorageOps storage() {
            throw new UnsupportedOperationException();
        }

        @Override
        public org.xenwbem.bridge.ops.NetworkOps networks() {
            throw new UnsupportedOperationException();
        }

        @Override
        public org.xenwbem.bridge.ops.FieldOps fields() {
            throw new UnsupportedOperationException();
        }

        @Override
        public org.xenwbem.bridge.ops.MetricsOps metrics() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private void awaitState(String task, int state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Map<String, String> t = tasks.get(task);
            if (t != null && Integer.toString(state).equals(t.get(JobState.STATE))) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("job " + task + " never reached state " + state + ": " + tasks.get(task));
    }

    @Test
    void completedJobRecordsResultAndClosesTheSession() throws Exception {
        FakeSession s = new FakeSession();
        JobManager.JobRef ref = jobs.submit("Xen_VirtualSystemCreateJob", "vm-1", "CopySystem", "copy", s, ctx -> {
            ctx.progress(50);
            return "new-vm";
        });
        assertEquals("Xen_VirtualSystemCreateJob", tasks.get(ref.taskUuid()).get(JobState.CLASS));
        awaitState(ref.taskUuid(), JobState.COMPLETED);
        Map<String, String> t = tasks.get(ref.taskUuid());
        assertEquals("new-vm", t.get(JobState.RESULT));
        assertEquals("100", t.get(JobState.PERCENT));
        assertEquals("alice", t.get(JobState.OWNER));
        assertEquals("host-1", t.get(JobState.HOST));
        assertTrue(s.closed.get());
        List<String> finalWrite = lastKeys.get(ref.taskUuid());
        assertEquals(JobState.STATE, finalWrite.get(finalWrite.size() - 1),
                "XapiJobStore writes key by key: the state goes after the result, 100 % and finish time " + finalWrite);
    }

    @Test
    void failuresCarryTheXapiError() throws Exception {
        JobManager.JobRef ref = jobs.submit("Xen_Job", "vm-2", "RequestStateChange", "start", new FakeSession(), ctx -> {
            throw new XenFailure(XenFailure.Kind.BAD_STATE, "VM_BAD_POWER_STATE", List.of("(ref)", "halted", "running"),
                    "bad", null);
        });
        awaitState(ref.taskUuid(), JobState.EXCEPTION);
        assertEquals("VM_BAD_POWER_STATE", tasks.get(ref.taskUuid()).get(JobState.ERROR_CODE));
        assertTrue(tasks.get(ref.taskUuid()).get(JobState.ERROR_DESCRIPTION).contains("halted"));
    }

    @Test
    void aJobEndingWhileXapiIsAwayRecordsItsStateWhenXapiIsBackAndNamesTheCause() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        JobManager.JobRef ref = jobs.submit("Xen_Job", "vm-7", "RequestStateChange", "start", new FakeSession(), ctx -> {
            go.await();
            throw new XenFailure(XenFailure.Kind.UNAVAILABLE, "TRANSPORT", List.of(),
                    "VM.start: ConnectException talking to 127.0.0.1:443", null);
        });
        awaitState(ref.taskUuid(), JobState.RUNNING);
        unreachableUpdates.set(3); // the final write meets xapi down three times, then xapi is back
        go.countDown();
        awaitState(ref.taskUuid(), JobState.EXCEPTION);
        assertEquals(0, unreachableUpdates.get());
        assertEquals("TRANSPORT", tasks.get(ref.taskUuid()).get(JobState.ERROR_CODE));
        assertEquals("xapi cannot be reached: VM.start: ConnectException talking to 127.0.0.1:443",
                tasks.get(ref.taskUuid()).get(JobState.ERROR_DESCRIPTION));
    }

    @Test
    void killStopsTheJob() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        JobManager.JobRef ref = jobs.submit("Xen_Job", "vm-3", "m", "d", new FakeSession(), ctx -> {
            started.countDown();
            while (!ctx.killed()) {
                Thread.sleep(5);
            }
            return "";
        });
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertTrue(jobs.kill(ref.taskUuid()));
        awaitState(ref.taskUuid(), JobState.KILLED);
        assertFalse(jobs.kill("unknown"));
    }

    @Test
    void oneJobAtATimePerKeyButKeysRunInParallel() throws Exception {
        AtomicInteger concurrentSameKey = new AtomicInteger();
        AtomicInteger maxSameKey = new AtomicInteger();
        CountDownLatch otherKeyRan = new CountDownLatch(1);
        JobWork slow = ctx -> {
            maxSameKey.accumulateAndGet(concurrentSameKey.incrementAndGet(), Math::max);
            Thread.sleep(150);
            concurrentSameKey.decrementAndGet();
            return "";
        };
        JobManager.JobRef a = jobs.submit("Xen_Job", "vm-4", "m", "d", new FakeSession(), slow);
        JobManager.JobRef b = jobs.submit("Xen_Job", "vm-4", "m", "d", new FakeSession(), slow);
        jobs.submit("Xen_Job", "vm-5", "m", "d", new FakeSession(), ctx -> {
            otherKeyRan.countDown();
            return "";
        });
        assertTrue(otherKeyRan.await(5, TimeUnit.SECONDS), "a job on another VM is not held up");
        awaitState(a.taskUuid(), JobState.COMPLETED);
        awaitState(b.taskUuid(), JobState.COMPLETED);
        assertEquals(1, maxSameKey.get());
    }

    @Test
    void finishedJobsExpire() throws Exception {
        JobManager.JobRef ref = jobs.submit("Xen_Job", "vm-6", "m", "d", new FakeSession(), ctx -> "");
        awaitState(ref.taskUuid(), JobState.COMPLETED);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (tasks.containsKey(ref.taskUuid()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(tasks.containsKey(ref.taskUuid()), "the task is destroyed after the expiry");
    }
}
