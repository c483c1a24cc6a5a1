package org.xenwbem.bridge.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.BridgeConfig;
import org.xenwbem.bridge.CredentialChecker;
import org.xenwbem.bridge.XenBridge;
import org.xenwbem.bridge.sim.SimulatedPool;

class XenBridgesTest {
    @Test
    void connectsMirrorAndCredentialsToOnePool() throws Exception {
        try (SimulatedPool pool = SimulatedPool.builder().hosts(3).vms(4).seed(9).rootPassword("pw").build()) {
            URI url = pool.start("127.0.0.1", 0);
            BridgeConfig config = BridgeConfig.builder().xapiUrl(url).serviceUser("root")
                    .servicePassword("pw".toCharArray()).callTimeout(Duration.ofSeconds(5)).build();
            try (XenBridge bridge = XenBridges.connect(config)) {
                assertTrue(bridge.mirror().awaitInitialSync(Duration.ofSeconds(10)));
                assertEquals(3, bridge.mirror().current().hosts().size());
                assertEquals(CredentialChecker.Status.OK,
                        bridge.credentials().check("reader", "pw".toCharArray(), "127.0.0.1").status());
            }
            assertEquals(0, pool.state().sessionCount(), "closing the bridge logs the service session out");
        }
    }

    @Test
    void configHidesAndCopiesThePassword() {
        char[] pw = "hunter2".toCharArray();
        BridgeConfig c = new BridgeConfig(URI.create("http://127.0.0.1/"), "root", pw, null, null);
        pw[0] = 'X';
        assertEquals("hunter2", new String(c.servicePassword()));
        c.servicePassword()[0] = 'Y';
        assertEquals("hunter2", new String(c.servicePassword()));
        assertFalse(c.toString().contains("hunter2"), c.toString());
        assertEquals(BridgeConfig.DEFAULT_CACHE_TTL, c.credentialCacheTtl());
        assertEquals(BridgeConfig.DEFAULT_CALL_TIMEOUT, c.callTimeout());
    }
}
