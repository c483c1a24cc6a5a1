package org.xenwbem.provider.server;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.spi.SimulatedXapi;
import org.xenwbem.bridge.storage.ArrayAdapters;
import org.xenwbem.bridge.storage.ArrayConfig;
import org.xenwbem.bridge.storage.OffloadedDisks;
import org.xenwbem.provider.config.ServerOptions;
import org.xenwbem.provider.methods.MethodEnvironment;

/** The daemon's storage offload layer, as its options say. */
final class Offload {
    private static final Logger LOG = LoggerFactory.getLogger(Offload.class);

    private Offload() {
    }

    /**
     * The operator's arrays ({@code --arrays-config}, refused unless root-only) and where file SRs are
     * mounted ({@code --sr-mount-root}). A bad array file stops the start. The simulated pool's file SRs
     * keep raw disks ({@code <uuid>.raw}, what its SR.scan finds), real xapi's VHD ones: a disk the reflink
     * adapter creates is in the format of the pool served.
     *
     * @param sim the in-process simulated pool, or null when serving xapi
     */
    static OffloadedDisks of(ServerOptions options, SimulatedXapi sim) throws ArrayConfig.ArrayConfigException {
        ArrayConfig arrays = ArrayConfig.load(options.arraysConfig);
        Path mounts = options.srMountRoot != null ? options.srMountRoot
                : sim != null ? sim.storageRoot().orElse(ServerOptions.XAPI_SR_MOUNT_ROOT) : ServerOptions.XAPI_SR_MOUNT_ROOT;
        LOG.info("storage offload: arrays from {} ({}), file SRs mounted under {}", options.arraysConfig, arrays, mounts);
        return new OffloadedDisks(new ArrayAdapters(arrays, mounts, sim != null ? "raw" : "vhd"),
                MethodEnvironment.DISK_TIMEOUT);
    }
}
