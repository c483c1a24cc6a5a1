package org.xenwbem.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiSession;

/**
 * pool.designate_new_master as xapi does it, HOST_IS_SLAVE naming the master from every supporter, and
 * the simulated death of a host's xapi (refused, hung), HA promotion and revival.
 */
class SimFailoverTest {
    private static final String LOGIN = "<?xml version=\"1.0\"?><methodCall><methodName>session.login_with_password"
            + "</methodName><params><param><value>root</value></param><param><value>pw</value></param>"
            + "</params></methodCall>";
    private final HttpClient raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private SimulatedPool pool;
    private XenApiSession s;
    private int port;

    @BeforeEach
    void start() throws Exception {
        pool = SimulatedPool.builder().hosts(3).vms(3).seed(5).rootPassword("pw").otherUsersPassword("pw2")
                .taskDelay(Duration.ofMillis(5)).memberEndpoints(true).build();
        URI url = pool.start("127.0.0.1", 0);
        port = url.getPort();
        s = XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(10)).login("root",
                "pw".toCharArray(), "test");
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    /** A login sent as is to host {@code i}'s address (no redirect following): the answer's body. */
    private String loginAt(int i, Duration timeout) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0." + (i + 1) + ":" + port + "/"))
                .timeout(timeout).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(LOGIN)).build();
        return raw.send(r, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void assertSlaveOf(String body, String masterAddress) {
        assertTrue(body.contains("HOST_IS_SLAVE") && body.contains("<value>" + masterAddress + "</value>"), body);
    }

    private String host(int i) throws Exception {
        return (String) s.call("host.get_by_uuid", pool.state().hostUuids().get(i));
    }

    private XenApiException fails(String code, XenApiSession on, String method, Object... params) {
        XenApiException e = assertThrows(XenApiException.class, () -> on.call(method, params));
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    @Test
    void designateNewMasterHandsTheRoleOverAndEveryOtherHostNamesTheNewMaster() throws Exception {
        assertSlaveOf(loginAt(1, Duration.ofSeconds(5)), "127.0.0.1");
        fails("HANDLE_INVALID", s, "pool.designate_new_master", "OpaqueRef:nope");
        XenApiSession operator = XenApiConnection.create(pool.url(), Duration.ofSeconds(2), Duration.ofSeconds(10))
                .login("operator", "pw2".toCharArray(), "test");
        fails("RBAC_PERMISSION_DENIED", operator, "pool.designate_new_master", host(2));
        assertEquals("", s.call("pool.designate_new_master", host(0)), "the master itself: nothing to do");
        assertEquals(pool.state().hostUuids().get(0), pool.state().masterUuid());

        String target = host(2);
        assertEquals("", s.call("pool.designate_new_master", target));
        Thread.sleep(200); // both xapis restart once the answer is out: their connections are cut
        assertEquals(pool.state().hostUuids().get(2), pool.state().masterUuid());
        assertSlaveOf(loginAt(0, Duration.ofSeconds(5)), "127.0.0.3");
        assertSlaveOf(loginAt(1, Duration.ofSeconds(5)), "127.0.0.3");
        assertTrue(loginAt(2, Duration.ofSeconds(5)).contains("OpaqueRef:"), "the new master logs in");
        XenApiSession fresh = XenApiConnection.create(pool.url(), Duration.ofSeconds(2), Duration.ofSeconds(10))
                .login("root", "pw".toCharArray(), "test");
        assertEquals("127.0.0.3", fresh.connection().url().getHost(), "the login followed HOST_IS_SLAVE");
        fails("SESSION_INVALID", s, "pool.get_all"); // redirected to the new master, which never knew it
        assertEquals(target, ((List<?>) fresh.call("pool.get_all")).stream()
                .map(p -> call(fresh, "pool.get_master", p)).findFirst().orElseThrow());
    }

    private static Object call(XenApiSession on, String method, Object param) {
        try {
            return on.call(method, param);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aKilledMasterRefusesConnectionsTheSupportersStillNameItAndHaPromotesAnother() throws Exception {
        String killed = pool.failover().killMaster(SimFailover.Death.REFUSE);
        assertEquals(pool.state().hostUuids().get(0), killed);
        Exception refused = assertThrows(Exception.class, () -> loginAt(0, Duration.ofSeconds(5)));
        assertTrue(refused instanceof ConnectException || refused.getCause() instanceof ConnectException,
                refused.toString());
        assertSlaveOf(loginAt(1, Duration.ofSeconds(5)), "127.0.0.1");

        pool.failover().promote(pool.state().hostUuids().get(1));
        assertEquals(pool.state().hostUuids().get(1), pool.state().masterUuid());
        assertTrue(loginAt(1, Duration.ofSeconds(5)).contains("OpaqueRef:"), "the promoted member is master");
        assertSlaveOf(loginAt(2, Duration.ofSeconds(5)), "127.0.0.2");
        assertFalse(pool.state().hostMetricsRecord(killed).get("live").equals(true), "the dead host is not live");
        assertThrows(IllegalArgumentException.class, () -> pool.failover().promote(killed));

        pool.failover().revive(killed);
        assertSlaveOf(loginAt(0, Duration.ofSeconds(5)), "127.0.0.2");
        assertEquals(true, pool.state().hostMetricsRecord(killed).get("live"));
    }

    @Test
    void designateNeedsEveryMemberAliveAndAHungXapiHoldsRequestsUntilRevived() throws Exception {
        String member = pool.state().hostUuids().get(2);
        pool.failover().kill(member, SimFailover.Death.HANG);
        fails("HOST_OFFLINE", s, "pool.designate_new_master", host(1));
        assertEquals(pool.state().hostUuids().get(0), pool.state().masterUuid(), "nothing changed");
        assertThrows(HttpTimeoutException.class, () -> loginAt(2, Duration.ofMillis(500)));
        pool.failover().revive(member);
        assertSlaveOf(loginAt(2, Duration.ofSeconds(5)), "127.0.0.1");
        assertEquals("", s.call("pool.designate_new_master", host(1)));
    }
}
