package org.xenwbem.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xenwbem.bridge.BridgeFixture.eventually;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.client.PoolMaster;
import org.xenwbem.bridge.client.XenApiClients;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiProtocol;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.client.XenApiTransportException;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.bridge.sim.SimFailover;
import org.xenwbem.bridge.sim.SimulatedPool;

/**
 * The bridge survives the loss of its master: the mirror keeps its last snapshot and says it is stale,
 * users' sessions are refused with the reason, then the promoted member is found among the members the
 * mirror knows, the mirror resyncs there and is healthy, and users' sessions go to the new master.
 */
class MasterFailoverTest {
    private static SimulatedPool.Builder threeHosts() {
        return SimulatedPool.builder().hosts(3).vms(4).memberEndpoints(true);
    }

    @Test
    void aKilledMasterMakesTheMirrorStaleAndWritesRefusedUntilAMemberIsPromoted() throws Exception {
        try (BridgeFixture fx = new BridgeFixture(threeHosts(), XenApiProtocol.XML_RPC, false)) {
            PoolMirror mirror = fx.bridge.mirror();
            assertTrue(mirror.health().healthy(), mirror.health().toString());
            assertEquals("127.0.0.1", mirror.health().master());
            assertTrue(fx.bridge.credentials().check("operator", BridgeFixture.PW.toCharArray(), "c").ok());
            PoolSnapshot before = mirror.current();

            fx.pool.failover().killMaster(SimFailover.Death.REFUSE);
            eventually(Duration.ofSeconds(5), () -> mirror.health().stale(), "the mirror says stale");
            MirrorHealth stale = mirror.health();
            assertTrue(stale.synced() && stale.problem().contains("failover in progress"), stale.toString());
            assertEquals(before.hosts().size(), mirror.current().hosts().size(), "reads come from the last snapshot");
            XenFailure refused = assertThrows(XenFailure.class,
                    () -> fx.bridge.openSession("root", BridgeFixture.PW.toCharArray()));
            assertEquals(XenFailure.Kind.UNAVAILABLE, refused.kind());
            assertTrue(refused.getMessage().contains("pool master 127.0.0.1 unreachable"), refused.getMessage());
            assertTrue(fx.bridge.credentials().check("operator", BridgeFixture.PW.toCharArray(), "c").ok(),
                    "a credential xapi accepted before still reads the mirror");

            String promoted = fx.pool.state().hostUuids().get(2);
            fx.pool.failover().promote(promoted);
            eventually(Duration.ofSeconds(10), () -> mirror.health().healthy(), "the mirror is healthy again");
            assertEquals("127.0.0.3", mirror.health().master());
            assertEquals(promoted, mirror.current().pool().masterUuid());
            fx.provesCurrent("after-ha-failover");
            try (PoolSession s = fx.bridge.openSession("root", BridgeFixture.PW.toCharArray())) {
                assertTrue(s.alive(), "users' sessions live on the new master");
            }
            assertTrue(fx.bridge.credentials().check("root", BridgeFixture.PW.toCharArray(), "c2").ok());
        }
    }

    @Test
    void aKillRightAfterTheFirstSyncIsNoticedToo() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (SimulatedPool pool = threeHosts().seed(7 + i).rootPassword("pw").build()) {
                var url = pool.start("127.0.0.1", 0);
                try (XenBridge bridge = org.xenwbem.bridge.connect.XenBridges.connect(BridgeConfig.builder()
                        .xapiUrl(url).serviceUser("root").servicePassword("pw".toCharArray())
                        .callTimeout(Duration.ofSeconds(30)).build())) {
                    assertTrue(bridge.mirror().awaitInitialSync(Duration.ofSeconds(10)));
                    pool.failover().killMaster(SimFailover.Death.REFUSE);
                    // usually at once (the connection is cut); if the poll was caught mid-accept and
                    // never answers, the master watch notices within two of its periods
                    eventually(Duration.ofSeconds(15), () -> bridge.mirror().health().stale(), "stale");
                }
            }
        }
    }

    @Test
    void aMasterThatHangsDuringTheLongPollIsCaughtByTheWatchNotAfterThePollTimeout() throws Exception {
        try (BridgeFixture fx = new BridgeFixture(threeHosts(), XenApiProtocol.XML_RPC, false)) {
            PoolMirror mirror = fx.bridge.mirror();
            Thread.sleep(300); // the mirror now waits on event.from (30 s)
            fx.pool.failover().killMaster(SimFailover.Death.HANG);
            // the poll itself would give up only after 31 s (call timeout + 30 s)
            eventually(Duration.ofSeconds(15), () -> mirror.health().stale(), "the mirror says stale");
            fx.pool.failover().promote(fx.pool.state().hostUuids().get(1));
            eventually(Duration.ofSeconds(15), () -> mirror.health().healthy(), "healthy on the new master");
            assertEquals("127.0.0.2", mirror.health().master());
            fx.provesCurrent("after-a-hang");
        }
    }

    @Test
    void designateNewMasterIsFollowedAndTheMirrorResyncsThere() throws Exception {
        try (BridgeFixture fx = new BridgeFixture(threeHosts(), XenApiProtocol.JSON_RPC, false)) {
            XenApiSession admin = fx.client();
            String target = (String) admin.call("host.get_by_uuid", fx.pool.state().hostUuids().get(1));
            admin.call("pool.designate_new_master", target);
            eventually(Duration.ofSeconds(10), () -> "127.0.0.2".equals(fx.bridge.mirror().health().master())
                    && fx.bridge.mirror().health().healthy(), "the mirror follows the handover");
            assertEquals(fx.pool.state().hostUuids().get(1), fx.bridge.mirror().current().pool().masterUuid());
            fx.provesCurrent("after-designate");
            try (PoolSession s = fx.bridge.openSession("root", BridgeFixture.PW.toCharArray())) {
                assertTrue(s.alive());
            }
        }
    }

    @Test
    void aHungMasterIsPassedOverByTheLocatorWithinItsProbeTimeout() throws Exception {
        try (SimulatedPool pool = threeHosts().seed(2).rootPassword("pw").build()) {
            var url = pool.start("127.0.0.1", 0);
            PoolMaster master = new PoolMaster();
            XenApiConnection c = new XenApiConnection(url, XenApiClients.of(Duration.ofSeconds(1)),
                    Duration.ofSeconds(1), XenApiProtocol.XML_RPC, master);
            master.learnMembers(List.of("127.0.0.1", "127.0.0.2", "127.0.0.3"));
            pool.failover().killMaster(SimFailover.Death.HANG);
            assertThrows(XenApiTransportException.class, () -> c.login("root", "pw".toCharArray(), "t"));
            assertEquals(Optional.empty(), c.locateMaster(Duration.ofMillis(300)), "nobody promoted yet");
            master.markUnreachable("pool master 127.0.0.1 unreachable; failover in progress");
            XenApiTransportException fast = assertThrows(XenApiTransportException.class,
                    () -> c.login("root", "pw".toCharArray(), "t"));
            assertTrue(fast.getMessage().contains("failover in progress"), "refused with the outage, not a timeout: "
                    + fast.getMessage());

            pool.failover().promote(pool.state().hostUuids().get(1));
            assertEquals(Optional.of("127.0.0.2"), c.locateMaster(Duration.ofMillis(300)));
            assertFalse(master.outage().isPresent());
            XenApiSession s = c.login("root", "pw".toCharArray(), "t");
            assertEquals("127.0.0.2", s.connection().url().getHost());
            s.logout();
        }
    }

    @Test
    void closingTheBridgeDuringAnOutageOrOnAHungMasterLeavesNoThreadBehind() throws Exception {
        for (SimFailover.Death how : SimFailover.Death.values()) {
            int before = BridgeFixture.bridgeThreads();
            try (SimulatedPool pool = threeHosts().seed(4).rootPassword("pw").build()) {
                var url = pool.start("127.0.0.1", 0);
                XenBridge bridge = org.xenwbem.bridge.connect.XenBridges.connect(BridgeConfig.builder().xapiUrl(url)
                        .serviceUser("root").servicePassword("pw".toCharArray()).callTimeout(Duration.ofSeconds(1))
                        .build());
                assertTrue(bridge.mirror().awaitInitialSync(Duration.ofSeconds(10)));
                pool.failover().killMaster(how);
                if (how == SimFailover.Death.REFUSE) {
                    // usually at once (the connection is cut); if the poll was caught mid-accept and
                    // never answers, the master watch notices within two of its periods
                    eventually(Duration.ofSeconds(15), () -> bridge.mirror().health().stale(), "stale");
                } else {
                    Thread.sleep(300);
                }
                long t0 = System.nanoTime();
                bridge.close();
                eventually(Duration.ofSeconds(8), () -> BridgeFixture.bridgeThreads() <= before, how + ": threads ended");
                assertTrue((System.nanoTime() - t0) / 1_000_000 < 8_000);
            }
        }
    }
}
