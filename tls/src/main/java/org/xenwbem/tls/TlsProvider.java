package org.xenwbem.tls;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.conscrypt.Conscrypt;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which JSSE provider runs the daemon's server handshakes: Conscrypt (BoringSSL underneath) when its
 * native library loads on this host, else the JDK's own SunJSSE.
 *
 * <p>Why (issue #15 item 2, HandshakeBenchmark): a full TLS handshake costs the server one signature
 * with its private key, and with xapi's RSA certificate the JDK's RSA under the launcher's C1-only
 * compiler signs tens of times per second where BoringSSL signs hundreds of times — the full handshake
 * is where the daemon fell behind {@code openssl s_server}. Conscrypt's Linux library needs glibc 2.16
 * at most ({@code objdump -T}: GLIBC_2.16, GLIBCXX_3.4.11), so it loads in dom0 (glibc 2.17).
 *
 * <p>{@code -Dxenwbem.tls.provider=jdk} (or the environment's {@code XENWBEM_TLS_PROVIDER=jdk})
 * keeps the JDK's provider; {@code conscrypt} demands Conscrypt and fails the start when it cannot
 * load; anything else, or nothing, means Conscrypt when available. The choice is logged once.
 */
public final class TlsProvider {
    /** The system property naming the provider: {@code auto} (default), {@code conscrypt} or {@code jdk}. */
    public static final String PROPERTY = "xenwbem.tls.provider";
    /** The environment variable read when the property is unset (the pack's unit sets neither). */
    public static final String ENVIRONMENT = "XENWBEM_TLS_PROVIDER";
    /** Conscrypt's provider name, as Jetty's {@link SslContextFactory#setProvider} takes it. */
    public static final String CONSCRYPT = "Conscrypt";
    private static final Logger LOG = LoggerFactory.getLogger(TlsProvider.class);
    private static volatile Optional<String> chosen;

    private TlsProvider() {
    }

    /** The provider name to give Jetty; empty for the JDK's default provider. */
    public static synchronized Optional<String> serverProvider() {
        if (chosen == null) {
            chosen = choose(setting());
            LOG.info("TLS provider: {}", chosen.orElse("JDK (SunJSSE)"));
        }
        return chosen;
    }

    /**
     * Makes {@code factory} serve {@code identity} with {@link #serverProvider()}. For Conscrypt the
     * factory gets a ready context: Conscrypt has no key manager factory of its own, and Jetty's SNI
     * key manager wrapper finds no certificate under Conscrypt's engine (BoringSSL's NO_CERTIFICATE_SET),
     * so the JDK's key manager over the identity's key store is handed to Conscrypt's context directly.
     * Called at creation and inside {@link SslContextFactory#reload} (a rotated certificate).
     */
    static boolean serveWithProvider(SslContextFactory factory, ServerIdentity identity) {
        Optional<String> provider = serverProvider();
        if (provider.isEmpty()) {
            return false;
        }
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity.keyStore(), identity.keyStorePassword());
            SSLContext context = SSLContext.getInstance("TLS", provider.get());
            context.init(nativeKeys(keys.getKeyManagers(), provider.get()), null, null);
            factory.setSslContext(context);
            return true;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS provider " + provider.get() + " cannot serve " + identity, e);
        }
    }

    /** The key managers with each X.509 one's server key translated into {@code provider}'s own ({@link NativeKeyManager}). */
    private static KeyManager[] nativeKeys(KeyManager[] managers, String provider) {
        KeyManager[] out = managers.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof X509ExtendedKeyManager x509) {
                out[i] = NativeKeyManager.over(x509, ServerIdentity.KEY_ALIAS, provider);
            }
        }
        return out;
    }

    /**
     * Turns on session tickets for a Conscrypt engine (off by default in Conscrypt): BoringSSL resumes
     * TLS 1.3 sessions only from tickets, so without them every reconnection is a full handshake.
     * The ticket keys are BoringSSL's, random per context and rotated by it. The engine's copy buffers
     * come from a shared pool ({@link NativeTlsBuffers}). No-op for the JDK's engine,
     * whose stateless tickets ({@code jdk.tls.server.enableSessionTicketExtension}) are on by default.
     */
    static void customize(SSLEngine engine) {
        if (Conscrypt.isConscrypt(engine)) {
            Conscrypt.setUseSessionTickets(engine, true);
            NativeTlsBuffers.lend(engine);
        }
    }

    static String setting() {
        String value = System.getProperty(PROPERTY);
        if (value == null) {
            value = System.getenv(ENVIRONMENT);
        }
        return value == null ? "auto" : value.strip().toLowerCase(Locale.ROOT);
    }

    static Optional<String> choose(String setting) {
        if ("jdk".equals(setting)) {
            return Optional.empty();
        }
        Optional<String> conscrypt = installConscrypt();
        if (conscrypt.isEmpty() && "conscrypt".equals(setting)) {
            throw new IllegalStateException("TLS provider Conscrypt requested (" + PROPERTY
                    + "=conscrypt) but its native library does not load on this host");
        }
        return conscrypt;
    }

    /** Registers Conscrypt (after the JDK's providers) when its classes are present and its library loads. */
    private static Throwable unavailability() {
        try {
            Conscrypt.checkAvailability();
            return null;
        } catch (Throwable e) { // NOPMD: the reason the library did not load, for the log
            return e;
        }
    }

    private static Optional<String> installConscrypt() {
        if (Security.getProvider(CONSCRYPT) != null) {
            return Optional.of(CONSCRYPT);
        }
        try {
            if (!Conscrypt.isAvailable()) {
                LOG.info("Conscrypt's native library does not load here: {}", String.valueOf(unavailability()));
                return Optional.empty();
            }
            Provider provider = Conscrypt.newProvider();
            Security.addProvider(provider);
            return Optional.of(provider.getName());
        } catch (LinkageError | RuntimeException e) {
            LOG.warn("Conscrypt cannot be used ({}); using the JDK's TLS provider", e.toString());
            return Optional.empty();
        }
    }
}
