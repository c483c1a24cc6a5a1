package org.xenwbem.bridge.spi;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A running simulated pool: the URL of its master's XenAPI endpoint, and where its SRs keep their
 * VDIs' bytes (the daemon's SR mount root under {@code --simulate}); {@link #close()} stops it.
 */
public interface SimulatedXapi extends AutoCloseable {
    URI url();

    /** The simulated pool's storage root ({@code <root>/<sr-uuid>/<vdi-uuid>.raw}), if it keeps one. */
    default Optional<Path> storageRoot() {
        return Optional.empty();
    }

    @Override
    void close();
}
