package org.xenwbem.bridge;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import org.xenwbem.bridge.auth.XapiCredentialChecker;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.mirror.XapiPoolMirror;

/** Creates {@link XenBridge}s. */
public final class XenBridges {
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private XenBridges() {
    }

    /**
     * Starts the pool mirror against {@code config.xapiUrl()} and returns at once; use
     * {@code bridge.mirror().awaitInitialSync(...)} to wait for the first snapshot.
     */
    public static XenBridge connect(BridgeConfig config) {
        Duration connect = config.callTimeout().compareTo(MAX_CONNECT_TIMEOUT) < 0
                ? config.callTimeout() : MAX_CONNECT_TIMEOUT;
        HttpClient http = XenApiConnection.newHttpClient(connect);
        XenApiConnection mirrorConnection = new XenApiConnection(config.xapiUrl(), http, config.callTimeout());
        XenApiConnection authConnection = new XenApiConnection(config.xapiUrl(), http, config.callTimeout());
        char[] password = config.servicePassword();
        XapiPoolMirror mirror = new XapiPoolMirror(mirrorConnection, config.serviceUser(), password);
        Arrays.fill(password, '\0');
        CredentialChecker checker = new XapiCredentialChecker(authConnection, config.credentialCacheTtl());
        mirror.start();
        return new DefaultXenBridge(mirror, checker);
    }

    /** The bridge: a started mirror and a credential checker. */
    private record DefaultXenBridge(XapiPoolMirror mirror, CredentialChecker credentials) implements XenBridge {
        @Override
        public void close() {
            mirror.close();
        }
    }
}
