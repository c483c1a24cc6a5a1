package org.xenwbem.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * How a client on this host — {@code xenwbem doctor} — trusts the daemon it probes: it pins the
 * certificate the daemon serves, read from the files the daemon reads it from (the configured PEM,
 * else xapi's PEM, else the certificate generated in the state directory), and never accepts any
 * certificate. A pin names one certificate exactly, so the address probed need not be in it.
 */
public final class LocalDaemonTrust {
    private LocalDaemonTrust() {
    }

    /**
     * The certificate a daemon with these settings serves, chosen as {@link ServerIdentity#resolve(Path,
     * Path, HostNames, Path)} chooses it, but read only: nothing is generated or written.
     *
     * @return empty when the daemon has not generated its certificate yet
     * @throws TlsConfigException when the configured PEM or the generated store cannot be read
     */
    public static Optional<X509Certificate> servedCertificate(Path certPemOrNull, Path stateDir, Path defaultPem)
            throws TlsConfigException {
        if (certPemOrNull != null) {
            return Optional.of(ServerIdentity.loadPem(certPemOrNull).certificate());
        }
        if (defaultPem != null && Files.isRegularFile(defaultPem) && Files.isReadable(defaultPem)) {
            try {
                return Optional.of(ServerIdentity.loadPem(defaultPem).certificate());
            } catch (TlsConfigException e) {
                // the daemon serves its generated certificate in this case too (ServerIdentity.resolve)
            }
        }
        GeneratedIdentityStore store = new GeneratedIdentityStore(stateDir);
        return store.exists() ? Optional.of(store.load().certificate()) : Optional.empty();
    }

    /**
     * The certificate {@link #servedCertificate} finds, pinned, beside the system trust store; the
     * system trust store alone when there is none yet.
     */
    public static OutboundTrust of(Path certPemOrNull, Path stateDir, Path defaultPem) throws TlsConfigException {
        Optional<X509Certificate> served = servedCertificate(certPemOrNull, stateDir, defaultPem);
        if (served.isEmpty()) {
            return OutboundTrust.systemDefault();
        }
        try {
            return OutboundTrust.of(null, List.of(Fingerprints.sha256(served.get())));
        } catch (CertificateEncodingException e) {
            throw new TlsConfigException("The daemon's certificate cannot be encoded: " + e.getMessage(), e);
        }
    }
}
