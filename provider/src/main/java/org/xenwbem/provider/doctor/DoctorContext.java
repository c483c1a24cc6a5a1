package org.xenwbem.provider.doctor;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xenwbem.tls.HostNames;

/**
 * What the checks share: the options, the password (never printed), and facts gathered once —
 * this host's names, and the daemon's answer to Identify (with the certificate it serves).
 */
final class DoctorContext {
    final DoctorOptions options;
    private final char[] password;
    private HostNames names;
    private Probe identify;

    /** The outcome of one probe: a response, or the failure that prevented it. */
    record Probe(WsmanProbe.Response response, IOException failure) {
        boolean ok() {
            return response != null;
        }
    }

    DoctorContext(DoctorOptions options, char[] passwordOrNull) {
        this.options = options;
        this.password = passwordOrNull;
    }

    boolean hasPassword() {
        return password != null;
    }

    /** A copy of the password; the caller clears it. */
    char[] password() {
        return password.clone();
    }

    WsmanProbe probe() {
        return new WsmanProbe(options.host, options.port, options.timeoutSeconds);
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
