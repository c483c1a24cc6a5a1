package org.xenwbem.bridge.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * xen-bridge without its simulator (this module's test classpath, like the dom0 pack's): asking for
 * the simulated pool fails with the message the command line shows.
 */
class PoolSimulatorsTest {
    @Test
    void withoutXenBridgeSimTheSimulatorIsReportedMissing() {
        IllegalStateException e = assertThrows(PoolSimulators.SimulatorMissingException.class, PoolSimulators::require);
        assertEquals(PoolSimulators.MISSING, e.getMessage());
        assertEquals("the simulated pool is not installed (serve --simulate, demo and sim need xen-bridge-sim on the"
                + " classpath; the dom0 pack leaves it out: run them from a source checkout with ./xenwbem)",
                e.getMessage());
    }
}
