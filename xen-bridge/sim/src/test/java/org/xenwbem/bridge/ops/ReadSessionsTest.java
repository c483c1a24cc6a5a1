package org.xenwbem.bridge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.sim.SimulatedPool;

/**
 * Sessions shared by requests that change nothing: one login serves the same user and password for
 * the TTL, never another password, never after xapi refused the user or a call on it, and every shared
 * session is logged out once expired and released.
 */
class ReadSessionsTest {
    private static final String LOGIN = "session.login_with_password";
    private static SimulatedPool sim;
    private static XenApiConnection conn;
    private Logouts logouts;
    private ReadSessions reads;

    @BeforeAll
    static void start() {
        sim = SimulatedPool.builder().hosts(1).vms(2).seed(5).rootPassword("pw").otherUsersPassword("pw")
                .authFailureDelay(Duration.ZERO).build();
        URI url = sim.start("127.0.0.1", 0);
        conn = XenApiConnection.create(url, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void open() {
        logouts = new Logouts("test-");
        reads = new ReadSessions("test-", Duration.ofMillis(400));
    }

    @AfterEach
    void close() {
        reads.close();
        logouts.close();
    }

    private PoolSession lease(String user, String password) throws XenFailure {
        char[] pw = password.toCharArray();
        return reads.lease(user, pw, () -> XapiPoolSession.login(conn, user, pw, null, logouts));
    }

    @Test
    void oneLoginServesTheSameCredentialUntilItExpiresThenItIsLoggedOut() throws Exception {
        int sessions = sim.state().sessionCount();
        long logins = sim.callCount(LOGIN);
        PoolSession a = lease("operator", "pw");
        PoolSession b = lease("operator", "pw");
        b.vms(); // usable
        assertEquals(logins + 1, sim.callCount(LOGIN), "the second request shares the first one's login");
        a.closeSoon();
        b.closeSoon();
        assertEquals(sessions + 1, sim.state().sessionCount(), "kept for the next request until the TTL");
        await(() -> sim.state().sessionCount(), sessions, "logged out once expired");
        lease("operator", "pw").close();
        assertEquals(logins + 2, sim.callCount(LOGIN), "after the TTL, a login again");
    }

    @Test
    void aSessionHeldPastTheTtlIsLoggedOutOnlyWhenReleased() throws Exception {
        int sessions = sim.state().sessionCount();
        PoolSession held = lease("operator", "pw");
        Thread.sleep(700);
        assertEquals(sessions + 1, sim.state().sessionCount(), "in use: not logged out under the request");
        held.vms().possibleHosts(sim.state().vmUuids().get(0));
        held.close();
        await(() -> sim.state().sessionCount(), sessions, "logged out at release");
        assertEquals(0, reads.size());
    }

    @Test
    void anotherPasswordIsNeverServedTheSharedSessionAndARefusalDropsIt() throws Exception {
        long logins = sim.callCount(LOGIN);
        PoolSession good = lease("operator", "pw");
        XenFailure f = assertThrows(XenFailure.class, () -> lease("operator", "old-password"));
        assertEquals("SESSION_AUTHENTICATION_FAILED", f.code());
        assertEquals(logins + 2, sim.callCount(LOGIN), "the other password went to xapi");
        lease("operator", "pw").close();
        assertEquals(logins + 3, sim.callCount(LOGIN), "xapi refused the user: what it shared is dropped");
        good.close();
    }

    @Test
    void aSessionXapiRefusedACallOnIsNotHandedOutAgain() throws Exception {
        long logins = sim.callCount(LOGIN);
        PoolSession a = lease("operator", "pw");
        a.refused();
        a.close();
        lease("operator", "pw").close();
        assertEquals(logins + 2, sim.callCount(LOGIN));
    }

    @Test
    void eachUserHasTheirOwnSessionAndCloseLogsOutEveryOne() throws Exception {
        int sessions = sim.state().sessionCount();
        PoolSession op = lease("operator", "pw");
        PoolSession root = lease("root", "pw");
        assertEquals("operator", op.user());
        assertEquals("root", root.user());
        op.close();
        root.close();
        reads.close();
        logouts.close();
        assertEquals(sessions, sim.state().sessionCount(), "the bridge's close logs out every shared session");
        assertTrue(reads.size() == 0);
    }

    private static void await(IntSupplier value, int expected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (value.getAsInt() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, value.getAsInt(), what);
    }
}
