package org.xenwbem.provider.doctor;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.xenwbem.bridge.BridgeConfig;
import org.xenwbem.bridge.XenBridge;
import org.xenwbem.tls.HostNames;
import org.xenwbem.tls.OutboundTrust;

/**
 * What the checks share: the options, the password (never printed), and facts gathered once —
 * this host's names, and the daemon's answer to Identify (with the certificate it serves). The
 * daemon is probed through the tls module's policy, pinning the certificate it serves as read from
 * its files ({@link DaemonCertificate}); the bridge comes from the caller's wiring ({@code server}).
 */
final class DoctorContext {
    final DoctorOptions options;
    private final char[] password;
    private final Supplier<Function<BridgeConfig, XenBridge>> bridges;
    private OutboundTrust trust;
    private HostNames names;
    private Probe identify;

    /** The outcome of one probe: a response, or the failure that prevented it. */
    record Probe(WsmanProbe.Response response, IOException failure) {
        boolean ok() {
            return response != null;
        }
    }

    DoctorContext(DoctorOptions options, char[] passwordOrNull, Supplier<Function<BridgeConfig, XenBridge>> bridges) {
        this.options = options;
        this.password = passwordOrNull;
        this.bridges = bridges;
    }

    /** A bridge to the xapi of {@code config}, connected by the daemon's own wiring. */
    XenBridge connect(BridgeConfig config) {
        return bridges.get().apply(config);
    }

    boolean hasPassword() {
        return password != null;
    }

    /** A copy of the password; the caller clears it. */
    char[] password() {
        return password.clone();
    }

    WsmanProbe probe() throws IOException {
        return new WsmanProbe(options.host, options.port, options.timeoutSeconds, trust());
    }

    /** The daemon's certificate pinned (the system trust store alone before the daemon has made one). */
    private synchronized OutboundTrust trust() throws IOException {
        if (trust == null) {
            trust = DaemonCertificate.trust(options);
        }
        return trust;
    }

    synchronized HostNames hostNames() {
        if (names == null) {
            names = HostNames.detect();
        }
        return names;
    }

    synchronized Probe identify() {
        if (identify == null) {
            try {
                identify = new Probe(probe().identify(), null);
            } catch (IOException e) {
                identify = new Probe(null, e);
            }
        }
        return identify;
    }

    /** Runs a lookup with the doctor's timeout; null when it did not finish in time. */
    <T> T withTimeout(java.util.function.Supplier<T> lookup) {
        CompletableFuture<T> f = CompletableFuture.supplyAsync(lookup);
        try {
            return f.get(options.timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }
}
