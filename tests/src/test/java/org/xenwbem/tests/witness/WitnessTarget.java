package org.xenwbem.tests.witness;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.sim.SimulatedPool;

/**
 * What a witness talks to: a fresh simulated pool on loopback (with a halted VM {@code witness-vm}
 * to start), or, when {@code XAPI_URL}, {@code XAPI_USER} and {@code XAPI_PASSWORD} are set, that real
 * pool — where the VM start runs only if {@code XAPI_TEST_VM} names a disposable halted VM.
 */
final class WitnessTarget implements AutoCloseable {
    static final String SIM_VM = "witness-vm";

    private final SimulatedPool pool;
    final URI url;
    final String user;
    final String password;
    /** Name label of the VM to start, or null to skip the power operations. */
    final String testVm;

    private WitnessTarget(SimulatedPool pool, URI url, String user, String password, String testVm) {
        this.pool = pool;
        this.url = url;
        this.user = user;
        this.password = password;
        this.testVm = testVm;
    }

    static boolean realPool() {
        String url = System.getenv("XAPI_URL");
        return url != null && !url.isBlank();
    }

    static WitnessTarget open() {
        if (realPool()) {
            return new WitnessTarget(null, URI.create(System.getenv("XAPI_URL")), System.getenv("XAPI_USER"),
                    System.getenv().getOrDefault("XAPI_PASSWORD", ""), System.getenv("XAPI_TEST_VM"));
        }
        SimulatedPool pool = SimulatedPool.builder().hosts(2).vms(6).seed(33).rootPassword("witness-pw")
                .taskDelay(java.time.Duration.ofMillis(150)).build();
        URI url = pool.start("127.0.0.1", 0);
        pool.state().addVm(SIM_VM, PowerState.Halted);
        return new WitnessTarget(pool, url, "root", "witness-pw", SIM_VM);
    }

    /** The environment a witness script reads (the same variables as against a real pool). */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("XAPI_URL", url.toString());
        env.put("XAPI_USER", user);
        env.put("XAPI_PASSWORD", password);
        if (testVm != null) {
            env.put("XAPI_TEST_VM", testVm);
        }
        return env;
    }

    /** The simulator, when there is one (null against a real pool). */
    SimulatedPool simulator() {
        return pool;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }
}
