package org.xenwbem.provider.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.VmRecord;

/**
 * A job is readable the instant its reference is returned (issue #17: an Invoke answering 4096 was
 * once followed by a Get of the job answering DestinationUnreachable for ~10 ms). Several clients
 * invoke and Get the returned job at once, with no delay, while others enumerate and xapi's events
 * arrive 100 ms after the writes (a busy pool): not one miss.
 */
class JobVisibilityTest {
    private static final int CLIENTS = 4;
    private static final int ROUNDS = 20;
    private static final Pattern JOB_CLASS = Pattern.compile("<p:Job>.*?<wsman:ResourceURI>[^<]*/(Xen_[A-Za-z]+)</wsman:ResourceURI>",
            Pattern.DOTALL);
    private static final Pattern JOB_ID = Pattern.compile("<wsman:Selector Name=\"InstanceID\">([^<]+)</wsman:Selector>");

    private static String invoke(PoolService p, String vm) {
        String body = "<q:RequestStateChange_INPUT xmlns:q=\"" + WsmanServiceTest.P + "Xen_ComputerSystem\">"
                + "<q:RequestedState>11</q:RequestedState></q:RequestStateChange_INPUT>";
        return p.send(WsmanServiceTest.envelope(WsmanServiceTest.P + "Xen_ComputerSystem/RequestStateChange",
                WsmanServiceTest.P + "Xen_ComputerSystem", PoolService.selectors("Name", vm), null, body));
    }

    private static List<String> runningGuests(PoolService p) {
        return p.bridge.mirror().current().vms().stream()
                .filter(v -> !v.isControlDomain() && !v.isATemplate() && !v.isASnapshot()
                        && v.powerState() == PowerState.Running)
                .map(VmRecord::uuid).toList();
    }

    /** ROUNDS times: invoke on {@code vm}, then Get the returned job at once; what missed goes to {@code misses}. */
    private static void invokeAndPoll(PoolService p, String vm, ConcurrentLinkedQueue<String> misses, AtomicInteger polled) {
        for (int i = 0; i < ROUNDS; i++) {
            String out = invoke(p, vm);
            Matcher cls = JOB_CLASS.matcher(out);
            Matcher id = JOB_ID.matcher(out);
            if (!out.contains("<p:ReturnValue>4096</p:ReturnValue>") || !cls.find() || !id.find()) {
                misses.add("no job in " + out);
                continue;
            }
            String job = p.get(cls.group(1), "InstanceID", id.group(1));
            polled.incrementAndGet();
            if (!job.contains("<p:InstanceID>" + id.group(1) + "</p:InstanceID>")) {
                misses.add(job);
            }
        }
    }

    @Test
    void aJobIsReadableAsSoonAsItsReferenceIsReturned() throws Exception {
        try (PoolService p = new PoolService(2, 12)) {
            List<String> running = runningGuests(p);
            assertTrue(running.size() >= CLIENTS, "running VMs: " + running);
            // xapi delivers events after the write that caused them: 100 ms, as in a busy pool
            p.pool.faults().on("event.from").always().delay(Duration.ofMillis(100));
            ConcurrentLinkedQueue<String> misses = new ConcurrentLinkedQueue<>();
            AtomicInteger polled = new AtomicInteger();
            AtomicBoolean done = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
            try {
                Future<?> load = pool.submit(() -> {
                    while (!done.get()) {
                        p.send(WsmanServiceTest.envelope(Ns.ACTION_ENUMERATE, WsmanServiceTest.P + "Xen_ComputerSystem",
                                null, null, "<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>100</w:MaxElements>"
                                        + "</n:Enumerate>"));
                    }
                });
                List<Future<?>> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    String vm = running.get(c);
                    clients.add(pool.submit(() -> invokeAndPoll(p, vm, misses, polled)));
                }
                for (Future<?> f : clients) {
                    f.get(120, TimeUnit.SECONDS);
                }
                done.set(true);
                load.get(30, TimeUnit.SECONDS);
            } finally {
                done.set(true);
                pool.shutdownNow();
            }
            assertEquals(List.of(), List.copyOf(misses), misses.size() + " of " + polled.get() + " polls missed");
            assertEquals(CLIENTS * ROUNDS, polled.get());
        }
    }

    /** The other way round: once DeleteInstance of a finished job answers, a Get no longer finds it. */
    @Test
    void aDeletedJobIsGoneAsSoonAsTheDeleteAnswers() throws Exception {
        try (PoolService p = new PoolService(1, 4)) {
            String vm = runningGuests(p).get(0);
            p.pool.faults().on("event.from").always().delay(Duration.ofMillis(100));
            String out = invoke(p, vm);
            Matcher cls = JOB_CLASS.matcher(out);
            Matcher id = JOB_ID.matcher(out);
            assertTrue(cls.find() && id.find(), out);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!p.get(cls.group(1), "InstanceID", id.group(1)).matches("(?s).*<p:JobState>(7|8|9|10)</p:JobState>.*")) {
                assertTrue(System.nanoTime() < deadline, "the job did not finish");
                Thread.sleep(20);
            }
            String deleted = p.send(WsmanServiceTest.envelope(Ns.ACTION_DELETE, WsmanServiceTest.P + cls.group(1),
                    PoolService.selectors("InstanceID", id.group(1)), null, ""));
            assertTrue(deleted.contains("DeleteResponse"), deleted);
            String after = p.get(cls.group(1), "InstanceID", id.group(1));
            assertTrue(after.contains("DestinationUnreachable"), after);
        }
    }
}
