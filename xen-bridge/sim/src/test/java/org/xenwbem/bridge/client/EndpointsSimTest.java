package org.xenwbem.bridge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xenwbem.bridge.BridgeConfig;
import org.xenwbem.bridge.auth.XapiCredentialChecker;
import org.xenwbem.bridge.sim.SimulatedPool;

/** Member endpoints (HOST_IS_SLAVE), master failover, and the dom0 Unix socket, against the simulator. */
class EndpointsSimTest {
    private static final char[] PW = "pw".toCharArray();
    private SimulatedPool pool;
    private URI master;
    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        pool = SimulatedPool.builder().hosts(3).vms(3).seed(7).rootPassword("pw").memberEndpoints(true).build();
        master = pool.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    private String member(int i) {
        return pool.state().hostUuids().get(i);
    }

    private static XenApiConnection connect(URI url, XenApiProtocol p) {
        return XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(5), p);
    }

    @ParameterizedTest
    @EnumSource(value = XenApiProtocol.class, names = {"XML_RPC", "JSON_RPC"})
    void aMemberAnswersHostIsSlaveAndLoginFollowsToTheMaster(XenApiProtocol p) throws Exception {
        URI memberUrl = pool.memberUrl(member(1));
        assertEquals("127.0.0.2", memberUrl.getHost());
        assertEquals(master.getPort(), memberUrl.getPort(), "every host listens on the same port");
        String raw = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(memberUrl)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("<?xml version=\"1.0\"?><methodCall><methodName>"
                        + "session.login_with_password</methodName><params><param><value>root</value></param><param>"
                        + "<value>pw</value></param></params></methodCall>")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(raw.contains("<value>HOST_IS_SLAVE</value><value>127.0.0.1</value>"), raw);
        XenApiConnection c = connect(memberUrl, p);
        XenApiSession s = c.login("root", PW, "test");
        assertEquals("127.0.0.1", c.url().getHost(), "re-targeted at the master");
        assertEquals(pool.state().masterUuid(), s.call("host.get_uuid", s.callOnSelf("session.get_this_host")));
        s.logout();
    }

    @Test
    void afterFailoverTheOldMasterRedirectsMidSession() throws Exception {
        XenApiConnection c = connect(master, XenApiProtocol.XML_RPC);
        XenApiSession s = c.login("root", PW, "test");
        int sessions = pool.state().sessionCount();
        pool.faults().failover(member(2));
        String poolRef = (String) ((List<?>) s.call("pool.get_all")).get(0);
        assertEquals("127.0.0.3", c.url().getHost(), "HOST_IS_SLAVE mid-session re-targets the connection");
        assertEquals(member(2), s.call("host.get_uuid", s.call("pool.get_master", poolRef)));
        assertEquals(sessions, pool.state().sessionCount(), "the session stays valid pool-wide; no new login");
        XenApiConnection fresh = connect(master, XenApiProtocol.JSON_RPC);
        fresh.login("root", PW, "again").logout();
        assertEquals("127.0.0.3", fresh.url().getHost());
        s.logout();
    }

    @ParameterizedTest
    @EnumSource(value = XenApiProtocol.class, names = {"XML_RPC", "JSON_RPC_V1"})
    void theUnixSocketLogsAnyoneInAsRootOnItsHost(XenApiProtocol p) throws Exception {
        URI unix = pool.startUnixSocket(dir.resolve("xapi"), member(1));
        assertEquals("unix", unix.getScheme());
        XenApiConnection c = connect(unix, p);
        XenApiSession s = c.login("nobody", "wrong".toCharArray(), "dom0");
        assertEquals(true, s.callOnSelf("session.get_is_local_superuser"));
        assertEquals(member(1), s.call("host.get_uuid", s.callOnSelf("session.get_this_host")),
                "a member's socket serves calls as forwarded to the master, but the session is the member's");
        assertTrue(((List<?>) s.call("VM.get_all")).size() > 3);
        s.logout();
        assertTrue(Files.exists(dir.resolve("xapi")));
    }

    @Test
    void credentialChecksRefuseTheUnixSocket() {
        URI unix = pool.startUnixSocket(dir.resolve("xapi"));
        XenApiConnection c = connect(unix, XenApiProtocol.XML_RPC);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new XapiCredentialChecker(c, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("Unix socket"), e.getMessage());
        IllegalArgumentException cfg = assertThrows(IllegalArgumentException.class, () -> BridgeConfig.builder()
                .xapiUrl(unix).authUrl(unix).serviceUser("root").servicePassword(PW).build());
        assertTrue(cfg.getMessage().contains("TCP"), cfg.getMessage());
        BridgeConfig ok = BridgeConfig.builder().xapiUrl(unix).serviceUser("root").servicePassword(PW).build();
        assertEquals(BridgeConfig.LOCAL_TCP_XAPI, ok.authUrl(), "default auth URL for a unix service URL");
    }
}
