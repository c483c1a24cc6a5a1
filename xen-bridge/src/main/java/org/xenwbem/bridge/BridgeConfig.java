package org.xenwbem.bridge;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * How the bridge reaches xapi. {@code xapiUrl} is a TCP URL (e.g. {@code http://127.0.0.1/}); it
 * serves both the service session of the mirror and the users' credential checks. The password is
 * copied in and out, and never printed. Defaults: cache TTL 60 s, call timeout 30 s.
 */
public record BridgeConfig(URI xapiUrl, String serviceUser, char[] servicePassword, Duration credentialCacheTtl,
                           Duration callTimeout) {
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

    public BridgeConfig {
        Objects.requireNonNull(xapiUrl, "xapiUrl");
        Objects.requireNonNull(serviceUser, "serviceUser");
        servicePassword = Objects.requireNonNull(servicePassword, "servicePassword").clone();
        credentialCacheTtl = credentialCacheTtl == null ? DEFAULT_CACHE_TTL : credentialCacheTtl;
        callTimeout = callTimeout == null ? DEFAULT_CALL_TIMEOUT : callTimeout;
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive");
        }
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
                && credentialCacheTtl.equals(c.credentialCacheTtl) && callTimeout.equals(c.callTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(xapiUrl, serviceUser, credentialCacheTtl, callTimeout);
    }

    @Override
    public String toString() {
        return "BridgeConfig[xapiUrl=" + xapiUrl + ", serviceUser=" + serviceUser + ", servicePassword=****"
                + ", credentialCacheTtl=" + credentialCacheTtl + ", callTimeout=" + callTimeout + "]";
    }

    /** Builder for {@link BridgeConfig}; url, user and password are required. */
    public static final class Builder {
        private URI xapiUrl;
        private String serviceUser;
        private char[] servicePassword;
        private Duration credentialCacheTtl = DEFAULT_CACHE_TTL;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;

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

        public BridgeConfig build() {
            return new BridgeConfig(xapiUrl, serviceUser, servicePassword, credentialCacheTtl, callTimeout);
        }

        @Override
        public String toString() {
            return "BridgeConfig.Builder[" + xapiUrl + ", " + serviceUser + "]";
        }
    }
}
