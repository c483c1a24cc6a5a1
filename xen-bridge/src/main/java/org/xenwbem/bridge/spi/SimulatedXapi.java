package org.xenwbem.bridge.spi;

import java.net.URI;

/** A running simulated pool: the URL of its master's XenAPI endpoint; {@link #close()} stops it. */
public interface SimulatedXapi extends AutoCloseable {
    URI url();

    @Override
    void close();
}
