package org.xenwbem.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which servers the daemon trusts when it connects out over https — WS-Eventing subscribers and
 * CIM-XML listeners it delivers indications to. A server's certificate is trusted when
 * <ol>
 * <li>its chain leads to a certificate authority of the JVM's default trust store and it names the
 *     host connected to (PKIX and RFC 2818 host name checks, as any https client); or</li>
 * <li>its chain leads to a certificate of the configured trust file (PEM: certificate authorities,
 *     or a listener's own self-signed certificate), with the same host name check; or</li>
 * <li>its own SHA-256 fingerprint is pinned, and it is within its validity period. A pin names one
 *     certificate exactly, so neither its issuer nor the names in it are checked — the way to trust
 *     a self-signed listener reached by an address its certificate does not name.</li>
 * </ol>
 * Nothing else is trusted: there is no option to accept any certificate. The daemon takes the trust
 * file and the pins from its command line ({@code --event-trust-file}, {@code --event-trust-pin}),
 * for every subscription alike: WS-Management's delivery credentials ({@code wsman:Auth}) describe
 * the client certificate the service would present, not the subscriber's, so a subscriber cannot
 * widen the daemon's trust. Protocols are {@link TlsPolicy#PROTOCOLS}.
 */
public final class OutboundTrust {
    private final X509ExtendedTrustManager system;
    private final X509ExtendedTrustManager configured;
    private final Set<String> pins;
    private final String description;

    private OutboundTrust(X509ExtendedTrustManager configured, Set<String> pins, String description)
            throws TlsConfigException {
        this.system = trustManager(null);
        this.configured = configured;
        this.pins = Set.copyOf(pins);
        this.description = description;
    }

    /** The JVM's default trust store alone. */
    public static OutboundTrust systemDefault() throws TlsConfigException {
        return new OutboundTrust(null, Set.of(), "the system trust store");
    }

    /**
     * The system trust store, plus the certificates of {@code trustFile} and the certificates whose
     * SHA-256 fingerprints are {@code sha256Pins} (see {@link #pin(String)} for the forms accepted).
     *
     * @param trustFile a PEM file of certificates, or null for none
     * @throws TlsConfigException naming the file or the pin at fault
     */
    public static OutboundTrust of(Path trustFile, Collection<String> sha256Pins) throws TlsConfigException {
        Set<String> pins = new LinkedHashSet<>();
        for (String p : sha256Pins) {
            pins.add(pin(p));
        }
        X509ExtendedTrustManager file = null;
        StringBuilder what = new StringBuilder("the system trust store");
        if (trustFile != null) {
            List<X509Certificate> certificates = TrustFileReader.read(trustFile);
            file = trustManager(keyStoreOf(certificates));
            what.append(", ").append(certificates.size()).append(" certificate(s) of ").append(trustFile);
        }
        if (!pins.isEmpty()) {
            what.append(", ").append(pins.size()).append(" pinned certificate(s)");
        }
        return new OutboundTrust(file, pins, what.toString());
    }

    /**
     * A SHA-256 fingerprint as {@link ServerIdentity#sha256Fingerprint()} and {@code openssl x509
     * -fingerprint -sha256} print it: 64 hex digits, in either case, with or without ':' between
     * pairs and an optional {@code sha256:} prefix.
     *
     * @return the fingerprint as upper-case hex pairs joined by ':'
     * @throws TlsConfigException when it is not one
     */
    public static String pin(String text) throws TlsConfigException {
        String hex = text.trim().toUpperCase(Locale.ROOT);
        if (hex.startsWith("SHA256:") || hex.startsWith("SHA-256:")) {
            hex = hex.substring(hex.indexOf(':') + 1);
        }
        hex = hex.replace(":", "");
        if (!hex.matches("[0-9A-F]{64}")) {
            throw new TlsConfigException("not a SHA-256 certificate fingerprint (64 hex digits, ':' between pairs"
                    + " allowed): " + text);
        }
        return String.join(":", hex.split("(?<=\\G..)"));
    }

    /** A new TLS client context verifying servers by this policy. */
    public SSLContext clientContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new OutboundTrustManager(system, configured, pins)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform provides TLS", e);
        }
    }

    /**
     * Client parameters: {@link TlsPolicy#PROTOCOLS} only, and the https host name check (RFC 2818:
     * endpoint identification "HTTPS", which the JDK's HttpClient sets by itself, a socket does not).
     */
    public SSLParameters clientParameters() {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(TlsPolicy.PROTOCOLS);
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }

    /** What is trusted, for the log: never a certificate's content. */
    @Override
    public String toString() {
        return description;
    }

    private static KeyStore keyStoreOf(List<X509Certificate> certificates) throws TlsConfigException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("trusted-" + i, certificates.get(i));
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsConfigException("cannot hold the trusted certificates: " + e.getMessage(), e);
        }
    }

    /** The PKIX trust manager of {@code store}; of the JVM's default trust store when null. */
    private static X509ExtendedTrustManager trustManager(KeyStore store) throws TlsConfigException {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager m : factory.getTrustManagers()) {
                if (m instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new TlsConfigException("the JVM offers no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException("cannot load the trust store: " + e.getMessage(), e);
        }
    }
}
