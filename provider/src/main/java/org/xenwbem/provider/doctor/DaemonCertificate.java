package org.xenwbem.provider.doctor;

import java.io.IOException;
import org.xenwbem.tls.LocalDaemonTrust;
import org.xenwbem.tls.OutboundTrust;
import org.xenwbem.tls.ServerIdentity;
import org.xenwbem.tls.TlsConfigException;

/**
 * The trust the doctor's probe uses: the certificate the local daemon serves, pinned. Apart from
 * {@link DoctorContext} so that {@code doctor --verify-install} loads no class of the tls module:
 * it must report a missing or altered tls jar, not fail on it.
 */
final class DaemonCertificate {
    private DaemonCertificate() {
    }

    static OutboundTrust trust(DoctorOptions options) throws IOException {
        try {
            return LocalDaemonTrust.of(options.certPem, options.stateDir, ServerIdentity.XAPI_SSL_PEM);
        } catch (TlsConfigException e) {
            throw new IOException("cannot read the daemon's certificate: " + e.getMessage(), e);
        }
    }
}
