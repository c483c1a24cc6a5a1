package org.xenwbem.bridge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.sim.SimState;
import org.xenwbem.bridge.sim.SimulatedPool;

/**
 * The pool's shared memo of refs against the simulated pool: a uuid is looked up once for every user,
 * a destroyed object fails as without the memo (UUID_INVALID, the stale ref forgotten), an Async call
 * looks its refs up afresh, the memo stays bounded and serves concurrent sessions.
 */
class RefMemoTest {
    private static final Duration T = Duration.ofSeconds(30);
    private static SimulatedPool sim;
    private static XenApiConnection conn;

    @BeforeAll
    static void start() {
        sim = SimulatedPool.builder().hosts(2).vms(4).seed(11).rootPassword("pw").build();
        URI url = sim.start("127.0.0.1", 0);
        conn = XenApiConnection.create(url, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static PoolSession as(String user, RefMemo memo) throws XenFailure {
        return XapiPoolSession.login(conn, user, "pw".toCharArray(), memo, null);
    }

    private static String guest() {
        SimState s = sim.state();
        return s.vmUuids().stream().filter(u -> !Boolean.TRUE.equals(s.vmRecord(u).get("is_a_template"))
                && !Boolean.TRUE.equals(s.vmRecord(u).get("is_control_domain"))).findFirst().orElseThrow();
    }

    private static String template(SimState s) {
        return s.vmUuids().stream().filter(u -> Boolean.TRUE.equals(s.vmRecord(u).get("is_a_template"))
                && !Boolean.TRUE.equals(s.vmRecord(u).get("is_a_snapshot"))).findFirst().orElseThrow();
    }

    @Test
    void aUuidIsLookedUpOnceForEveryUserOfThePool() throws Exception {
        RefMemo memo = new RefMemo();
        String vm = guest();
        String host = sim.state().hostUuids().get(0);
        long vms = sim.callCount("VM.get_by_uuid");
        long hosts = sim.callCount("host.get_by_uuid");
        try (PoolSession root = as("root", memo); PoolSession op = as("operator", memo)) {
            canBoot(root, vm, host);
            canBoot(op, vm, host);
            canBoot(root, vm, host);
        }
        assertEquals(vms + 1, sim.callCount("VM.get_by_uuid"), "the VM looked up once");
        assertEquals(hosts + 1, sim.callCount("host.get_by_uuid"), "the host looked up once");
        long without = sim.callCount("VM.get_by_uuid");
        try (PoolSession plain = XapiPoolSession.login(conn, "root", "pw".toCharArray())) {
            canBoot(plain, vm, host);
            canBoot(plain, vm, host);
        }
        assertEquals(without + 2, sim.callCount("VM.get_by_uuid"), "a session without the memo looks up each time");
    }

    /** assert_can_boot_here's verdict does not matter here, only the look-ups before it. */
    private static void canBoot(PoolSession s, String vm, String host) {
        try {
            s.vms().assertCanBootHere(vm, host);
        } catch (XenFailure f) {
            assertFalse(f.kind() == XenFailure.Kind.NOT_FOUND, f.code());
        }
    }

    @Test
    void aDestroyedObjectFailsAsWithoutTheMemoAndItsRefIsForgotten() throws Exception {
        RefMemo memo = new RefMemo();
        try (PoolSession root = as("root", memo); PoolSession other = XapiPoolSession.login(conn, "root",
                "pw".toCharArray())) {
            String vm = root.vms().cloneVm(template(sim.state()), "memo-doomed").await(T, p -> { });
            root.vms().set(vm, "name_description", "memoised");
            String stale = memo.ref("VM", vm).orElseThrow();
            other.vms().destroy(vm); // behind the memo's back
            XenFailure f = assertThrows(XenFailure.class, () -> root.vms().set(vm, "name_description", "again"));
            assertEquals(XenFailure.Kind.NOT_FOUND, f.kind());
            assertEquals("UUID_INVALID", f.code(), "the uuid looked up afresh, as without the memo");
            assertFalse(memo.gave(stale), "the stale ref forgotten");
            assertTrue(memo.ref("VM", vm).isEmpty());
        }
    }

    @Test
    void aDiskGoneSinceItWasMemoisedDoesNotExist() throws Exception {
        RefMemo memo = new RefMemo();
        try (PoolSession root = as("root", memo); PoolSession other = XapiPoolSession.login(conn, "root",
                "pw".toCharArray())) {
            String vdi = root.devices().createVdi(sim.state().defaultSrUuid(), "memo-disk", 1L << 20, "user", false,
                    false);
            assertTrue(root.storage().vdiExists(vdi));
            assertTrue(memo.ref("VDI", vdi).isPresent(), "memoised");
            other.devices().destroyVdi(vdi);
            assertFalse(root.storage().vdiExists(vdi), "asked of xapi, not the memo");
            assertTrue(memo.ref("VDI", vdi).isEmpty(), "and forgotten");
        }
    }

    @Test
    void aMethodHoldingAStaleRefGetsTheFreshOneForEachCall() throws Exception {
        RefMemo memo = new RefMemo();
        try (PoolSession root = as("root", memo)) {
            String vm = root.vms().cloneVm(template(sim.state()), "memo-renewed").await(T, p -> { });
            // as after VDI.forget and SR.scan: the same uuid under a new ref, the memo holding the old one
            memo.put("VM", vm, "OpaqueRef:00000000-0000-0000-0000-00000000dead");
            root.vms().setVcpus(vm, 3, 2); // three calls with the ref held in a variable
            assertEquals("3", String.valueOf(sim.state().vmRecord(vm).get("VCPUs_max")));
            assertEquals("2", String.valueOf(sim.state().vmRecord(vm).get("VCPUs_at_startup")));
            assertEquals(vm, sim.state().uuidOfRef("VM", memo.ref("VM", vm).orElseThrow()), "the fresh ref memoised");
        }
    }

    @Test
    void anAsyncCallLooksItsRefsUpAfresh() throws Exception {
        RefMemo memo = new RefMemo();
        try (PoolSession root = as("root", memo); PoolSession other = XapiPoolSession.login(conn, "root",
                "pw".toCharArray())) {
            String vm = root.vms().cloneVm(template(sim.state()), "memo-async").await(T, p -> { });
            root.vms().set(vm, "name_description", "memoised");
            other.vms().destroy(vm);
            long before = sim.callCount("VM.get_by_uuid");
            XenFailure f = assertThrows(XenFailure.class, () -> root.vms().provision(vm).await(T, p -> { }));
            assertEquals("UUID_INVALID", f.code(), "refused before a task was made, as without the memo");
            assertEquals(before + 1, sim.callCount("VM.get_by_uuid"));
        }
    }

    @Test
    void theMemoStartsAgainEmptyPastItsBound() {
        RefMemo memo = new RefMemo();
        for (int i = 0; i <= RefMemo.MAX; i++) {
            memo.put("VM", "uuid-" + i, "OpaqueRef:" + i);
        }
        assertEquals(1, memo.size(), "cleared at the bound, then the newest kept");
        assertTrue(memo.gave("OpaqueRef:" + RefMemo.MAX));
        assertFalse(memo.gave("OpaqueRef:0"));
    }

    @Test
    void concurrentSessionsShareOneMemo() throws Exception {
        RefMemo memo = new RefMemo();
        String host = sim.state().hostUuids().get(1);
        List<String> vms = sim.state().vmUuids();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> answers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                answers.add(threads.submit(() -> {
                    List<String> refs = new ArrayList<>();
                    try (PoolSession s = as(t(Thread.currentThread()), memo)) {
                        for (String vm : vms) {
                            refs.add(((XapiPoolSession) s).calls().ref("VM", vm));
                        }
                        refs.add(((XapiPoolSession) s).calls().ref("host", host));
                    }
                    return refs;
                }));
            }
            List<String> first = answers.get(0).get();
            for (Future<List<String>> a : answers) {
                assertEquals(first, a.get(), "every session got the same refs");
            }
            for (int i = 0; i < vms.size(); i++) {
                assertEquals(vms.get(i), sim.state().uuidOfRef("VM", first.get(i)), "each ref is its VM's");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static String t(Thread t) {
        return t.getId() % 2 == 0 ? "root" : "operator";
    }
}
