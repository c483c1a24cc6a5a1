package org.xenwbem.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiProtocol;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.connect.XenBridges;
import org.xenwbem.bridge.sim.SimulatedPool;

/**
 * A simulated pool and a bridge connected to it, for fault tests. {@link #close()} proves the two
 * leak checks: the bridge's threads (named {@code xen-bridge-…}) are gone and the simulator has no
 * session left.
 */
final class BridgeFixture implements AutoCloseable {
    static final String PW = "pw";
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(1);

    final SimulatedPool pool;
    final URI url;
    final XenBridge bridge;
    private final int threadsBefore;
    private final int sessionsBefore;

    BridgeFixture(SimulatedPool.Builder builder, XenApiProtocol protocol, boolean viaMember) throws Exception {
        this.threadsBefore = bridgeThreads();
        this.pool = builder.seed(11).rootPassword(PW).build();
        URI main = pool.start("127.0.0.1", 0);
        this.url = viaMember ? pool.memberUrl(pool.state().hostUuids().get(1)) : main;
        this.sessionsBefore = pool.state().sessionCount();
        this.bridge = XenBridges.connect(BridgeConfig.builder().xapiUrl(url).serviceUser("root")
                .servicePassword(PW.toCharArray()).callTimeout(CALL_TIMEOUT).protocol(protocol).build());
        assertTrue(bridge.mirror().awaitInitialSync(Duration.ofSeconds(10)), "initial sync");
    }

    BridgeFixture(XenApiProtocol protocol) throws Exception {
        this(SimulatedPool.builder().hosts(2).vms(4), protocol, false);
    }

    /** A separate client session on the simulator, for direct calls. */
    XenApiSession client() throws Exception {
        return XenApiConnection.create(url, Duration.ofSeconds(1), CALL_TIMEOUT, XenApiProtocol.XML_RPC)
                .login("root", PW.toCharArray(), "fault-test");
    }

    /** Renames a VM behind the bridge's back and waits until the mirror shows it. */
    void provesCurrent(String label) throws InterruptedException {
        String vm = pool.state().vmUuidByName("sim-vm-1").orElseGet(() -> pool.state().vmUuids().get(0));
        pool.state().renameVm(vm, label);
        eventually(Duration.ofSeconds(8), () -> bridge.mirror().current().vm(vm)
                .map(r -> r.nameLabel().equals(label)).orElse(false), "mirror shows " + label);
        pool.state().renameVm(vm, "sim-vm-1");
    }

    static int bridgeThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(XenBridges.THREAD_PREFIX)).count();
    }

    static void eventually(Duration limit, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            bridge.close();
            eventually(Duration.ofSeconds(5), () -> bridgeThreads() <= threadsBefore, "bridge threads ended");
            eventually(Duration.ofSeconds(5), () -> pool.state().sessionCount() == sessionsBefore,
                    "no session left on the simulator");
            assertEquals(sessionsBefore, pool.state().sessionCount());
        } finally {
            pool.close();
        }
    }
}
