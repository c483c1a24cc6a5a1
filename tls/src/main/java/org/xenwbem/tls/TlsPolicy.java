package org.xenwbem.tls;

import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The daemon's TLS settings for Jetty 12.
 *
 * <p>Protocols: TLS 1.3 and 1.2 only. Cipher suites: the TLS 1.3 suites and, for TLS 1.2, ECDHE
 * with AES-GCM or ChaCha20-Poly1305 — forward secret AEAD suites that Windows Schannel (2016+),
 * OpenSSL, GnuTLS, NSS, Python and Java all offer. Jetty's default exclusions (MD5/SHA-1 MACs,
 * static RSA key exchange, SSL_*, NULL, anonymous) stay in force on top of that list.
 * No client certificates; no SNI required. TLS 1.2 renegotiation is refused, by Jetty and by the JDK
 * ({@link #rejectClientRenegotiation()}).
 *
 * <p>Server wiring. The HTTPS {@code HttpConfiguration} must use {@link #secureRequestCustomizer()}
 * (equivalently {@code new SecureRequestCustomizer(false)}, i.e. {@code setSniHostCheck(false)}):
 * Jetty's default customizer answers 400 "Invalid SNI" to every request whose Host is not named by
 * the certificate — clients reaching the host by IP when xapi's certificate names only its FQDN, or
 * by an alias — and the daemon must serve them all. For example:
 * <pre>{@code
 * HttpConfiguration https = new HttpConfiguration();
 * https.addCustomizer(TlsPolicy.secureRequestCustomizer());
 * ServerConnector connector = new ServerConnector(server,
 *         new SslConnectionFactory(TlsPolicy.serverContextFactory(identity), HttpVersion.HTTP_1_1.asString()),
 *         new HttpConnectionFactory(https));
 * }</pre>
 */
public final class TlsPolicy {
    /** Protocols offered, best first. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    /** Excluded explicitly as well, so that no include list edited later can bring them back. */
    public static final String[] EXCLUDED_PROTOCOLS = {"SSLv2Hello", "SSLv3", "TLSv1", "TLSv1.1"};
    /** Jetty include patterns (regular expressions over JSSE suite names). */
    public static final String[] CIPHER_SUITE_PATTERNS = {
        "^TLS_AES_(128|256)_GCM_SHA(256|384)$",
        "^TLS_CHACHA20_POLY1305_SHA256$",
        "^TLS_ECDHE_(ECDSA|RSA)_WITH_AES_(128|256)_GCM_SHA(256|384)$",
        "^TLS_ECDHE_(ECDSA|RSA)_WITH_CHACHA20_POLY1305_SHA256$",
    };

    private TlsPolicy() {
    }

    /** The JDK's switch that answers a client's renegotiation with a fatal handshake_failure alert. */
    static final String REJECT_CLIENT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

    /**
     * Makes the JVM's TLS 1.2 server refuse client-initiated renegotiation outright. Jetty's
     * {@code setRenegotiationAllowed(false)} only stops reading once the new ClientHello arrives, so a
     * client (testssl's {@code echo R | openssl s_client}) may or may not see the refusal; the JDK then
     * answers it with a fatal alert instead. Read once, at the first server handshake of the JVM:
     * {@link #serverContextFactory} calls this, before any server starts.
     */
    public static void rejectClientRenegotiation() {
        if (System.getProperty(REJECT_CLIENT_RENEGOTIATION) == null) {
            System.setProperty(REJECT_CLIENT_RENEGOTIATION, "true");
        }
    }

    /** A new, unstarted factory serving {@code identity} under this policy. */
    public static SslContextFactory.Server serverContextFactory(ServerIdentity identity) {
        rejectClientRenegotiation();
        SslContextFactory.Server factory = new SslContextFactory.Server() {
            @Override
            public void customize(SSLEngine engine) {
                super.customize(engine);
                TlsProvider.customize(engine);
            }

            /**
             * No client certificate is ever asked for, so none is there to read: Jetty asks for the
             * chain once per connection (SecureRequestCustomizer), and the engine answers with a
             * thrown SSLPeerUnverifiedException, stack trace and all, that Jetty turns into null.
             */
            @Override
            public X509Certificate[] getX509CertChain(SSLSession session) {
                return getNeedClientAuth() || getWantClientAuth() ? super.getX509CertChain(session) : null;
            }
        };
        serve(factory, identity);
        factory.setIncludeProtocols(PROTOCOLS);
        factory.addExcludeProtocols(EXCLUDED_PROTOCOLS);
        factory.setIncludeCipherSuites(CIPHER_SUITE_PATTERNS);
        factory.setUseCipherSuitesOrder(true);
        factory.setNeedClientAuth(false);
        factory.setWantClientAuth(false);
        factory.setSniRequired(false);
        factory.setRenegotiationAllowed(false);
        return factory;
    }

    /**
     * The TLS connection factory of an HTTPS connector serving {@code identity}, the next protocol
     * {@code next}. Under Conscrypt the encrypted and decrypted buffers are direct: its engine hands
     * them to BoringSSL as they are, where heap buffers are copied on every wrap and unwrap; and each
     * engine's copy buffer goes back to a pool when its connection ends, rather than waiting for the
     * engine's finalizer ({@link NativeTlsBuffers}).
     */
    public static SslConnectionFactory connectionFactory(ServerIdentity identity, String next) {
        SslConnectionFactory factory = new SslConnectionFactory(serverContextFactory(identity), next);
        boolean direct = TlsProvider.serverProvider().isPresent();
        factory.setDirectBuffersForEncryption(direct);
        factory.setDirectBuffersForDecryption(direct);
        if (direct) {
            factory.addEventListener(NativeTlsBuffers.CLOSER);
        }
        return factory;
    }

    /**
     * Makes {@code factory} serve {@code identity}: at creation, and inside
     * {@link SslContextFactory#reload} when the certificate is rotated ({@link CertificateReloader}).
     */
    static void serve(SslContextFactory factory, ServerIdentity identity) {
        String password = new String(identity.keyStorePassword());
        factory.setKeyStore(identity.keyStore());
        factory.setKeyStorePassword(password);
        factory.setKeyManagerPassword(password);
        factory.setCertAlias(ServerIdentity.KEY_ALIAS);
        TlsProvider.serveWithProvider(factory, identity); // the store above stays what the factory reports
    }

    /**
     * The request customizer the HTTPS connector must use: marks requests secure and exposes the
     * TLS session, without SNI requirement and without the SNI host check (see the class comment).
     */
    public static SecureRequestCustomizer secureRequestCustomizer() {
        SecureRequestCustomizer customizer = new SecureRequestCustomizer(false);
        customizer.setSniRequired(false);
        customizer.setSniHostCheck(false);
        return customizer;
    }
}
