package org.xenwbem.provider.classes.storage;

import java.time.Duration;
import java.util.Optional;
import org.xenwbem.bridge.ops.PoolSession;

/**
 * The port through which ConnectToDiskImage exposes a disk (implemented by the daemon's transfer
 * endpoint, {@code provider.transfer}): the connection takes over the caller's session and moves the
 * disk's bytes through it.
 */
public interface DiskExposure {
    /** What the client is told: where, with which credentials, and the endpoint's certificate (PEM). */
    record Exposed(String handle, String targetUri, String username, String password, String certificatePem) {
        @Override
        public String toString() {
            return "Exposed[" + handle + " at " + targetUri + "]";
        }
    }

    /** Exposes the disk; {@code timeout} null means no deadline (idle expiry still applies). */
    Exposed expose(PoolSession session, String vdiUuid, long size, boolean readOnly, Duration timeout);

    /** The xapi user who made the connection; empty when the handle is unknown or closed. */
    Optional<String> owner(String handle);

    /** The connection's password when {@code user} made it and it is open; empty otherwise. */
    Optional<String> password(String handle, String user);

    /** How far the connection's running transfer is, 0 to 100; empty when no bytes are moving. */
    default java.util.OptionalInt progress(String handle) {
        return java.util.OptionalInt.empty();
    }

    /** Ends the connection; false when it was unknown or already closed. */
    boolean disconnect(String handle);

    /** A daemon without a transfer endpoint. */
    DiskExposure NONE = new DiskExposure() {
        @Override
        public Exposed expose(PoolSession session, String vdiUuid, long size, boolean readOnly, Duration timeout) {
            session.close();
            throw new IllegalStateException("this daemon runs no transfer endpoint");
        }

        @Override
        public Optional<String> owner(String handle) {
            return Optional.empty();
        }

        @Override
        public Optional<String> password(String handle, String user) {
            return Optional.empty();
        }

        @Override
        public boolean disconnect(String handle) {
            return false;
        }
    };
}
