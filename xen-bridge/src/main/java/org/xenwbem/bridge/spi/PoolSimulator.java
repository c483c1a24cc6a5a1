package org.xenwbem.bridge.spi;

import java.io.PrintStream;

/**
 * The simulated pool as a {@link java.util.ServiceLoader} service (implemented in {@code xen-bridge-sim}).
 * Implementations have a public no-argument constructor.
 */
public interface PoolSimulator {
    /** Seeds a pool of this shape and serves it on {@code bind:port} (0: a free port) until closed. */
    SimulatedXapi start(PoolShape shape, String bind, int port);

    /**
     * {@code xenwbem sim ARGS}: the pool alone, announced on {@code out}, served until the JVM stops;
     * returns the exit status (2 for bad arguments, after the usage on {@code out}).
     */
    int serveStandalone(String[] args, PrintStream out);
}
