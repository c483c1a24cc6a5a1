package org.xenwbem.bridge.connect;

import java.util.Arrays;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XapiPoolSession;
import org.xenwbem.bridge.ops.XenFailure;

/**
 * The daemon's shared service session for its own writes (job bookkeeping): logged in on first use,
 * checked before each hand-out, and replaced when xapi has forgotten it (restart, expiry).
 */
final class ServiceSession implements AutoCloseable {
    private final XenApiConnection connection;
    private final String user;
    private final char[] password;
    private PoolSession current;

    ServiceSession(XenApiConnection connection, String user, char[] password) {
        this.connection = connection;
        this.user = user;
        this.password = password.clone();
    }

    synchronized PoolSession get() throws XenFailure {
        if (current != null && alive(current)) {
            return current;
        }
        current = XapiPoolSession.login(connection, user, password);
        return current;
    }

    private static boolean alive(PoolSession s) {
        return s instanceof XapiPoolSession x && x.alive();
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            current.close();
            current = null;
        }
        Arrays.fill(password, '\0');
    }
}
