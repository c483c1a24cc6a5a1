package org.xenwbem.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiSession;

/** pool.join as xapi takes it: sent to the joining host's own xapi, with the master's address and credentials. */
class SimPoolJoinTest {
    private static final String NEW = "127.0.0.50";
    private static final String SHARED = "127.0.0.51";
    private SimulatedPool pool;
    private XenApiSession master;
    private int port;

    @BeforeEach
    void start() throws Exception {
        pool = SimulatedPool.builder().hosts(2).vms(1).seed(5).rootPassword("pw").otherUsersPassword("pw2")
                .taskDelay(Duration.ofMillis(5)).standaloneHost(NEW, "new-host", "np", false)
                .standaloneHost(SHARED, "shared-host", "np2", true).build();
        URI url = pool.start("127.0.0.1", 0);
        port = url.getPort();
        master = XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(10))
                .login("root", "pw".toCharArray(), "test");
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    private XenApiSession standalone(String address, String password) throws Exception {
        return XenApiConnection.create(URI.create("http://" + address + ":" + port + "/"), Duration.ofSeconds(2),
                Duration.ofSeconds(10)).login("root", password.toCharArray(), "test");
    }

    private int hosts() throws Exception {
        return ((List<?>) master.call("host.get_all")).size();
    }

    private void refused(String code, XenApiSession s, String... args) {
        XenApiException e = assertThrows(XenApiException.class, () -> s.call("pool.join", (Object[]) args));
        assertEquals(code, e.code(), e.getMessage());
        assertFalse(e.getMessage().contains(args[2]), "the master password must not be echoed");
    }

    @Test
    void aStandaloneHostJoinsWithTheMastersCredentialsAndThenAnswersAsAMember() throws Exception {
        XenApiSession s = standalone(NEW, "np");
        s.call("pool.join", "127.0.0.1", "root", "pw");
        assertEquals(3, hosts());
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> all = (Map<String, Map<String, Object>>) master.call("host.get_all_records");
        Map<String, Object> joined = all.values().stream().filter(h -> NEW.equals(h.get("address"))).findFirst()
                .orElseThrow();
        assertEquals("new-host", joined.get("name_label"));
        assertEquals(4, ((List<?>) joined.get("PIFs")).size());
        assertTrue(((List<?>) joined.get("PBDs")).size() >= 3, "local SR plus the shared SRs");
        // now a member: its endpoint answers HOST_IS_SLAVE, the client follows it to the master, whose
        // root password (not the old standalone one) logs in
        assertEquals(3, ((List<?>) standalone(NEW, "pw").call("host.get_all")).size());
        assertThrows(XenApiException.class, () -> standalone(NEW, "np"));
    }

    @Test
    void joinRefusesWrongMastersWrongCredentialsWeakRolesSharedStorageAndHa() throws Exception {
        XenApiSession s = standalone(NEW, "np");
        refused("POOL_JOINING_HOST_CONNECTION_FAILED", s, "127.0.0.9", "root", "pw");
        refused("SESSION_AUTHENTICATION_FAILED", s, "127.0.0.1", "root", "s3cret-wrong");
        refused("RBAC_PERMISSION_DENIED", s, "127.0.0.1", "operator", "pw2");
        refused("JOINING_HOST_CANNOT_CONTAIN_SHARED_SRS", standalone(SHARED, "np2"), "127.0.0.1", "root", "pw");
        String shared = (String) master.call("pool.get_default_SR", ((List<?>) master.call("pool.get_all")).get(0));
        master.call("pool.enable_ha", List.of(shared), Map.of());
        refused("HA_IS_ENABLED", s, "127.0.0.1", "root", "pw");
        master.call("pool.disable_ha");
        pool.faults().on("pool.join").once().fail("INTERNAL_ERROR", "injected");
        refused("INTERNAL_ERROR", s, "127.0.0.1", "root", "pw");
        assertEquals(2, hosts());
        s.call("pool.join", "127.0.0.1", "root", "pw");
        assertEquals(3, hosts());
    }
}
