package org.xenwbem.bridge.storage;

import java.util.Map;

/** The SR side and the disk side the offload layer needs, as the caller's read model has them. */
public final class SrDisk {
    private SrDisk() {
    }

    /**
     * An SR: uuid, XenAPI type ({@code rbd}, {@code nfs}, {@code ext}, {@code file}, {@code lvmoiscsi}, …)
     * and its PBDs' device-config (the same for every host of a shared SR).
     */
    public record Sr(String uuid, String type, Map<String, String> deviceConfig) {
        public Sr {
            deviceConfig = Map.copyOf(deviceConfig);
        }
    }

    /** A VDI with the fields a clone inherits, on its SR. */
    public record Disk(String vdiUuid, Sr sr, String name, String description, Map<String, String> otherConfig) {
        public Disk {
            otherConfig = Map.copyOf(otherConfig);
        }
    }

    /**
     * What an operation did: the VDI it made or changed, and the path taken: the adapter's id, or
     * {@link #XAPI} for xapi's own operation.
     */
    public record Outcome(String vdiUuid, String path) {
        public static final String XAPI = "xapi";

        public boolean offloaded() {
            return !XAPI.equals(path);
        }
    }
}
