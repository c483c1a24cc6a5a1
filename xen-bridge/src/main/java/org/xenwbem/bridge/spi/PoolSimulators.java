package org.xenwbem.bridge.spi;

import java.util.ServiceLoader;

/** Finds the simulated pool on the classpath, or says plainly that it is not installed. */
public final class PoolSimulators {
    /** The message when no {@link PoolSimulator} is on the classpath, as in the dom0 pack. */
    public static final String MISSING = "the simulated pool is not installed (serve --simulate, demo and sim need "
            + "xen-bridge-sim on the classpath; the dom0 pack leaves it out: run them from a source checkout"
            + " with ./xenwbem)";

    private PoolSimulators() {
    }

    /** The simulator, or {@link SimulatorMissingException} with {@link #MISSING}. */
    public static PoolSimulator require() {
        return ServiceLoader.load(PoolSimulator.class, PoolSimulators.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new SimulatorMissingException(MISSING));
    }

    /** Thrown by {@link #require()} when the simulator is not on the classpath. */
    public static final class SimulatorMissingException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        SimulatorMissingException(String message) {
            super(message);
        }
    }
}
