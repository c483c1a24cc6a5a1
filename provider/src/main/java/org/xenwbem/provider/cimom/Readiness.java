package org.xenwbem.provider.cimom;

import java.time.Duration;

/**
 * Whether the data that operations read is there yet. The daemon answers on its port before its pool
 * mirror has finished the first load from xapi (issue #15 item 4: Identify and protocol faults need no
 * pool data); an operation that reads the pool first waits here for that load, within a bound, and is
 * refused with {@link CimException.Detail#NOT_READY} when it does not come: an empty answer would tell
 * a client that every VM is gone.
 */
@FunctionalInterface
public interface Readiness {
    /** Always ready (tests of other matters, and a service whose data needs no load). */
    Readiness ALWAYS = within -> { };

    /**
     * Returns once ready; waits at most {@code within} (null: the implementation's own bound).
     *
     * @throws CimException FAILED with detail NOT_READY when still not ready
     */
    void await(Duration within) throws CimException;
}
