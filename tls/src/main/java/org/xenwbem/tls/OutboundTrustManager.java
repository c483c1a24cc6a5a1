package org.xenwbem.tls;

import java.net.Socket;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust manager of {@link OutboundTrust}: a pinned server certificate within its validity
 * period, else the system trust store's verdict, else the trust file's. The two stores are the
 * JDK's PKIX managers, called with the connection, so they check the host name as well. Client
 * certificates are never trusted: this manager serves outbound connections only.
 */
final class OutboundTrustManager extends X509ExtendedTrustManager {
    /** One of the delegates' checks. */
    private interface Check {
        void run(X509ExtendedTrustManager m) throws CertificateException;
    }

    private final X509ExtendedTrustManager system;
    private final X509ExtendedTrustManager configured;
    private final Set<String> pins;

    /** @param configured the trust file's manager, or null */
    OutboundTrustManager(X509ExtendedTrustManager system, X509ExtendedTrustManager configured, Set<String> pins) {
        this.system = system;
        this.configured = configured;
        this.pins = pins;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, m -> m.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, m -> m.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, m -> m.checkServerTrusted(chain, authType));
    }

    private void check(X509Certificate[] chain, Check check) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server presented no certificate");
        }
        if (pinned(chain[0])) {
            chain[0].checkValidity();
            return;
        }
        try {
            check.run(system);
        } catch (CertificateException bySystem) {
            if (configured == null) {
                throw bySystem;
            }
            try {
                check.run(configured);
            } catch (CertificateException byFile) {
                byFile.addSuppressed(bySystem);
                throw byFile;
            }
        }
    }

    private boolean pinned(X509Certificate leaf) throws CertificateEncodingException {
        return !pins.isEmpty() && pins.contains(Fingerprints.sha256(leaf));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw clientRefused();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw clientRefused();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw clientRefused();
    }

    private static CertificateException clientRefused() {
        return new CertificateException("outbound trust checks servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        List<X509Certificate> out = new ArrayList<>(List.of(system.getAcceptedIssuers()));
        if (configured != null) {
            out.addAll(List.of(configured.getAcceptedIssuers()));
        }
        return out.toArray(new X509Certificate[0]);
    }
}
