package org.xenwbem.bridge.sim;

import java.io.PrintStream;
import org.xenwbem.bridge.spi.PoolShape;
import org.xenwbem.bridge.spi.PoolSimulator;
import org.xenwbem.bridge.spi.SimulatedXapi;

/**
 * The simulated pool as xen-bridge's {@link PoolSimulator} service (listed in
 * {@code META-INF/services}): how {@code serve --simulate}, {@code demo} and {@code sim} reach it
 * without compiling against it. The running pool it returns is the {@link SimulatedPool} itself.
 */
public final class SimPoolSimulator implements PoolSimulator {
    @Override
    public SimulatedXapi start(PoolShape shape, String bind, int port) {
        SimulatedPool pool = SimulatedPool.builder().hosts(shape.hosts()).vms(shape.vms())
                .disksPerVm(shape.disksPerVm()).nicsPerVm(shape.nicsPerVm()).seed(shape.seed())
                .rootPassword(shape.password()).memberEndpoints(shape.memberEndpoints())
                .storageRoot(shape.storageRoot()).build();
        try {
            pool.start(bind, port);
            return pool;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    @Override
    public int serveStandalone(String[] args, PrintStream out) {
        return SimMain.run(args, out);
    }
}
