package org.xenwbem.bridge.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.client.XenApiTransportException;

/**
 * A {@link PoolSession}: one login as the user, logged out on close (or, on {@link #closeSoon}, after
 * the answer through {@link Logouts} when the bridge gives them), its uuid → ref look-ups shared in the pool's
 * {@link RefMemo} when the bridge gives one.
 */
public final class XapiPoolSession implements PoolSession {
    private static final Logger LOG = LoggerFactory.getLogger(XapiPoolSession.class);

    private final XenApiSession session;
    private final Calls calls;
    private final Logouts logouts;

    private XapiPoolSession(XenApiSession session, RefMemo memo, Logouts logouts) {
        this.session = session;
        this.calls = new Calls(session, memo);
        this.logouts = logouts;
    }

    /** Logs in as the user over the connection (which must be TCP: the Unix socket accepts anyone). */
    public static PoolSession login(XenApiConnection connection, String user, char[] password) throws XenFailure {
        return login(connection, user, password, null, null);
    }

    /**
     * {@link #login(XenApiConnection, String, char[])}, sharing the pool's {@code memo} of refs and
     * logging out through {@code logouts} (either may be null: none, or at once on close).
     */
    public static PoolSession login(XenApiConnection connection, String user, char[] password, RefMemo memo,
                                    Logouts logouts) throws XenFailure {
        try {
            return new XapiPoolSession(connection.login(user, password, "xenwbem"), memo, logouts);
        } catch (XenApiException e) {
            throw XenFailure.of(e);
        } catch (XenApiTransportException e) {
            throw XenFailure.of(e);
        }
    }

    /** The calls, for tests of the ref memo. */
    Calls calls() {
        return calls;
    }

    @Override
    public String consoleUrl(String location) {
        return session.authorise(location);
    }

    /** False once xapi no longer knows the session (a cheap {@code session.get_uuid}). */
    @Override
    public boolean alive() {
        try {
            session.callOnSelf("session.get_uuid");
            return true;
        } catch (XenApiException | XenApiTransportException e) {
            return false;
        }
    }

    @Override
    public String user() {
        return session.user();
    }

    @Override
    public VmOps vms() {
        return new XapiVmOps(calls);
    }

    @Override
    public DeviceOps devices() {
        return new XapiDeviceOps(calls);
    }

    @Override
    public HostOps hosts() {
        return new XapiHostOps(calls);
    }

    @Override
    public TaskOps tasks() {
        return new XapiTaskOps(calls);
    }

    @Override
    public StorageOps storage() {
        return new XapiStorageOps(calls);
    }

    @Override
    public NetworkOps networks() {
        return new XapiNetworkOps(calls);
    }

    @Override
    public PoolOps pools() {
        return new XapiPoolOps(calls);
    }

    @Override
    public FieldOps fields() {
        return new XapiFieldOps(calls);
    }

    @Override
    public MetricsOps metrics() {
        return new XapiMetricsOps(calls);
    }

    @Override
    public TransferOps transfers() {
        return new XapiTransferOps(session);
    }

    @Override
    public void close() {
        logout();
    }

    @Override
    public void closeSoon() {
        if (logouts != null) {
            logouts.submit(this::logout);
        } else {
            logout();
        }
    }

    private void logout() {
        try {
            session.logout();
        } catch (XenApiException | XenApiTransportException e) {
            LOG.debug("logout of {}'s session failed: {}", session.user(), e.getMessage());
        }
    }
}
