package org.xenwbem.bridge;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiProtocol;

/**
 * How the bridge reaches xapi. {@code xapiUrl} serves the daemon's service session (the mirror): a TCP
 * URL (e.g. {@code http://127.0.0.1/}) or, in dom0, the Unix socket {@code unix:///var/lib/xcp/xapi}.
 * {@code authUrl} serves the users' credential checks and must be TCP, because the Unix socket logs
 * anyone in (xenapi.md §5): it defaults to {@code xapiUrl} when that is TCP, else to
 * {@code http://127.0.0.1/}, where xapi always listens; a {@code unix:} authUrl is a configuration
 * error. {@code protocol} defaults to XML-RPC. The password is copied in and out, and never printed.
 * Defaults: cache TTL 60 s, call timeout 30 s.
 */
public record BridgeConfig(URI xapiUrl, String serviceUser, char[] servicePassword, Duration credentialCacheTtl,
                           Duration callTimeout, XenApiProtocol protocol, URI authUrl) {
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);
    /** Where xapi always listens on TCP in dom0. */
    public static final URI LOCAL_TCP_XAPI = URI.create("http://127.0.0.1/");

    public BridgeConfig {
        Objects.requireNonNull(xapiUrl, "xapiUrl");
        Objects.requireNonNull(serviceUser, "serviceUser");
        servicePassword = Objects.requireNonNull(servicePassword, "servicePassword").clone();
        credentialCacheTtl = credentialCacheTtl == null ? DEFAULT_CACHE_TTL : credentialCacheTtl;
        callTimeout = callTimeout == null ? DEFAULT_CALL_TIMEOUT : callTimeout;
        protocol = protocol == null ? XenApiProtocol.XML_RPC : protocol;
        if (authUrl == null) {
            authUrl = XenApiConnection.isUnix(xapiUrl) ? LOCAL_TCP_XAPI : xapiUrl;
        }
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive");
        }
        if (XenApiConnection.isUnix(authUrl)) {
            throw new IllegalArgumentException("authUrl " + authUrl + " is the dom0 Unix socket, which accepts any"
                    + " password: credential checks need a TCP URL such as " + LOCAL_TCP_XAPI);
        }
    }

    /** XML-RPC, credential checks at {@code xapiUrl} (or the local TCP xapi when that is a Unix socket). */
    public BridgeConfig(URI xapiUrl, String serviceUser, char[] servicePassword, Duration credentialCacheTtl,
                        Duration callTimeout) {
        this(xapiUrl, serviceUser, servicePassword, credentialCacheTtl, callTimeout, null, null);
    }

    /** A copy of the password; the caller should clear it after use. */
    @Override
    public char[] servicePassword() {
        return servicePassword.clone();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BridgeConfig c && xapiUrl.equals(c.xapiUrl) && serviceUser.equals(c.serviceUser)
                && Arrays.equals(servicePassword, c.servicePassword)
                && credentialCacheTtl.equals(c.credentialCacheTtl) && callTimeout.equals(c.callTimeout)
                && protocol == c.protocol && authUrl.equals(c.authUrl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(xapiUrl, serviceUser, credentialCacheTtl, callTimeout, protocol, authUrl);
    }

    @Override
    public String toString() {
        return "BridgeConfig[xapiUrl=" + xapiUrl + ", serviceUser=" + serviceUser + ", servicePassword=****"
                + ", credentialCacheTtl=" + credentialCacheTtl + ", callTimeout=" + callTimeout
                + ", protocol=" + protocol + ", authUrl=" + authUrl + "]";
    }

    /** Builder for {@link BridgeConfig}; url, user and password are required. */
    public static final class Builder {
        private URI xapiUrl;
        private String serviceUser;
        private char[] servicePassword;
        private Duration credentialCacheTtl = DEFAULT_CACHE_TTL;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private XenApiProtocol protocol = XenApiProtocol.XML_RPC;
        private URI authUrl;

        private Builder() {
        }

        public Builder xapiUrl(URI url) {
            this.xapiUrl = url;
            return this;
        }

        public Builder serviceUser(String user) {
            this.serviceUser = user;
            return this;
        }

        public Builder servicePassword(char[] password) {
            this.servicePassword = password.clone();
            return this;
        }

        public Builder credentialCacheTtl(Duration ttl) {
            this.credentialCacheTtl = ttl;
            return this;
        }

        public Builder callTimeout(Duration timeout) {
            this.callTimeout = timeout;
            return this;
        }

        /** XML-RPC (default) or JSON-RPC. */
        public Builder protocol(XenApiProtocol protocol) {
            this.protocol = protocol;
            return this;
        }

        /** The TCP URL for credential checks (default: see {@link BridgeConfig}). */
        public Builder authUrl(URI url) {
            this.authUrl = url;
            return this;
        }

        public BridgeConfig build() {
            return new BridgeConfig(xapiUrl, serviceUser, servicePassword, credentialCacheTtl, callTimeout, protocol,
                    authUrl);
        }

        @Override
        public String toString() {
            return "BridgeConfig.Builder[" + xapiUrl + ", " + serviceUser + "]";
        }
    }
}
