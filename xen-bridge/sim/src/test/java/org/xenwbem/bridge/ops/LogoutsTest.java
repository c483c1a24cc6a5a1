package org.xenwbem.bridge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.sim.SimulatedPool;

/** Users' sessions logged out after the answer: every one of them, all before the bridge closes, none left. */
class LogoutsTest {
    private static SimulatedPool sim;
    private static XenApiConnection conn;

    @BeforeAll
    static void start() {
        sim = SimulatedPool.builder().hosts(1).vms(2).seed(5).rootPassword("pw").build();
        URI url = sim.start("127.0.0.1", 0);
        conn = XenApiConnection.create(url, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void closedSessionsAreLoggedOutSoonAndAllByClose() throws Exception {
        int before = sim.state().sessionCount();
        Logouts logouts = new Logouts("test-");
        List<PoolSession> open = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            open.add(XapiPoolSession.login(conn, "operator", "pw".toCharArray(), null, logouts));
        }
        assertEquals(before + 40, sim.state().sessionCount());
        PoolSession held = XapiPoolSession.login(conn, "operator", "pw".toCharArray(), null, logouts);
        held.close();
        assertEquals(before + 40, sim.state().sessionCount(), "close (a console's Logout) logs out before it returns");
        open.subList(0, 20).forEach(PoolSession::closeSoon);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sim.state().sessionCount() > before + 20 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(before + 20, sim.state().sessionCount(), "the closed ones logged out in the background");
        open.subList(20, 40).forEach(PoolSession::closeSoon);
        logouts.close();
        assertEquals(before, sim.state().sessionCount(), "close sends every waiting logout");
        // a pool reports termination when its last worker has left the loop, a moment before the thread ends
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("test-logout")) {
                t.join(5_000);
            }
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("test-logout")),
                "no logout thread left");
        PoolSession late = XapiPoolSession.login(conn, "operator", "pw".toCharArray(), null, logouts);
        late.closeSoon();
        assertEquals(before, sim.state().sessionCount(), "after close, a session is logged out at once");
    }
}
