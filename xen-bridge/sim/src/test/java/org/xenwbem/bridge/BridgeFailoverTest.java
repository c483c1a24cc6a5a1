package org.xenwbem.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xenwbem.bridge.BridgeFixture.eventually;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwbem.bridge.client.XenApiProtocol;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.connect.XenBridges;
import org.xenwbem.bridge.sim.SimulatedPool;

/**
 * Pool-level faults: a supporter's URL (HOST_IS_SLAVE at login), master failover mid-session, the
 * 5-second failed-login delay, and the dom0 Unix-socket service session with {@code thisHostUuid}.
 */
class BridgeFailoverTest {
    @TempDir
    Path dir;

    private static SimulatedPool.Builder threeHosts() {
        return SimulatedPool.builder().hosts(3).vms(4).memberEndpoints(true);
    }

    @Test
    void aSupporterUrlIsRedirectedToTheMasterAtLogin() throws Exception {
        try (BridgeFixture fx = new BridgeFixture(threeHosts(), XenApiProtocol.XML_RPC, true)) {
            assertEquals(Optional.of(fx.pool.state().masterUuid()), fx.bridge.thisHostUuid(),
                    "the session lives on the master the login was redirected to");
            assertTrue(fx.bridge.credentials().check("root", BridgeFixture.PW.toCharArray(), "10.0.0.1").ok(),
                    "credential checks follow the redirect too");
            fx.provesCurrent("via-a-supporter-url");
        }
    }

    @Test
    void masterFailoverIsFollowedByTheMirrorAndTheChecker() throws Exception {
        try (BridgeFixture fx = new BridgeFixture(threeHosts(), XenApiProtocol.JSON_RPC, false)) {
            String newMaster = fx.pool.state().hostUuids().get(2);
            long t0 = System.nanoTime();
            fx.pool.faults().failover(newMaster);
            eventually(Duration.ofSeconds(5), () -> newMaster.equals(fx.bridge.mirror().current().pool().masterUuid()),
                    "the mirror sees the new master");
            fx.provesCurrent("after-failover");
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 5_000);
            assertTrue(fx.bridge.credentials().check("operator", BridgeFixture.PW.toCharArray(), "10.0.0.2").ok());
            assertEquals(1, fx.pool.state().sessionCount(), "the mirror kept its session across the failover");
        }
    }

    @Test
    void theFailedLoginDelayIsSettableAtRunTimeAndBlocksOnlyThatLogin() throws Exception {
        try (BridgeFixture fx = new BridgeFixture(XenApiProtocol.XML_RPC)) {
            fx.pool.faults().authFailureDelay(Duration.ofSeconds(5));
            XenApiSession other = fx.client();
            long t0 = System.nanoTime();
            Thread checker = new Thread(() -> fx.bridge.credentials().check("root", "wrong".toCharArray(), "10.0.0.3"));
            checker.start();
            Thread.sleep(200);
            long c0 = System.nanoTime();
            other.call("VM.get_all");
            assertTrue((System.nanoTime() - c0) / 1_000_000 < 500, "other calls are not held up");
            CredentialChecker.AuthOutcome[] out = new CredentialChecker.AuthOutcome[1];
            checker.join(10_000);
            out[0] = fx.bridge.credentials().check("root", BridgeFixture.PW.toCharArray(), "10.0.0.4");
            long waited = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(waited >= 5_000 && waited < 7_000, "denied after the 5 s delay: " + waited + " ms");
            assertTrue(out[0].ok());
            fx.pool.faults().authFailureDelay(Duration.ZERO);
            long d0 = System.nanoTime();
            assertEquals(CredentialChecker.Status.DENIED,
                    fx.bridge.credentials().check("root", "wrong".toCharArray(), "10.0.0.5").status());
            assertTrue((System.nanoTime() - d0) / 1_000_000 < 1_000);
            other.logout();
        }
    }

    @Test
    void theServiceSessionCanUseTheUnixSocketAndKnowsItsHost() throws Exception {
        SimulatedPool pool = threeHosts().seed(3).rootPassword("pw").build();
        try {
            pool.start("127.0.0.1", 0);
            String member = pool.state().hostUuids().get(1);
            var unix = pool.startUnixSocket(dir.resolve("xapi"), member);
            BridgeConfig config = BridgeConfig.builder().xapiUrl(unix).serviceUser("root")
                    .servicePassword("anything".toCharArray()).authUrl(pool.memberUrl(member)).build();
            int threads = BridgeFixture.bridgeThreads();
            try (XenBridge bridge = XenBridges.connect(config)) {
                assertTrue(bridge.mirror().awaitInitialSync(Duration.ofSeconds(10)));
                assertEquals(Optional.of(member), bridge.thisHostUuid());
                assertEquals(3, bridge.mirror().current().hosts().size());
                assertTrue(bridge.credentials().check("root", "pw".toCharArray(), "c").ok(), "TCP, redirected");
                assertEquals(CredentialChecker.Status.DENIED,
                        bridge.credentials().check("root", "anything".toCharArray(), "c").status(),
                        "the socket's any-password login is never used for users");
            }
            eventually(Duration.ofSeconds(5), () -> BridgeFixture.bridgeThreads() <= threads, "threads ended");
            eventually(Duration.ofSeconds(5), () -> pool.state().sessionCount() == 0, "logged out");
            assertEquals(List.of(), List.of());
        } finally {
            pool.close();
        }
    }
}
