package org.xenwbem.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK's key manager over the server's identity, handing Conscrypt the private key as a key of its
 * own (a BoringSSL {@code EVP_PKEY}, translated once) instead of the JDK's {@code RSAPrivateCrtKey}.
 *
 * <p>Why (issue #15 item 2, HandshakeBenchmark, {@code perf} on the daemon): Conscrypt asks the key
 * manager for the key at every handshake, a resumed one included, and turns a foreign key into a new
 * BoringSSL key from its PKCS#8 encoding each time — parsing, checking the RSA key and setting up its
 * Montgomery contexts cost more server CPU than the whole resumed handshake of {@code openssl s_server}.
 * A key of Conscrypt's own is used as it is, and BoringSSL keeps its precomputed values between
 * handshakes. Everything else (alias choice, certificate chain) is the delegate's. One instance per
 * SSL context: a rotated certificate gets a new context and so a new instance.
 */
final class NativeKeyManager extends X509ExtendedKeyManager {
    private static final Logger LOG = LoggerFactory.getLogger(NativeKeyManager.class);
    private final X509ExtendedKeyManager delegate;
    private final String alias;
    private final PrivateKey nativeKey;

    private NativeKeyManager(X509ExtendedKeyManager delegate, String alias, PrivateKey nativeKey) {
        this.delegate = delegate;
        this.alias = alias;
        this.nativeKey = nativeKey;
    }

    /**
     * {@code delegate} with the key under {@code alias} translated by {@code provider}'s key factory;
     * {@code delegate} itself when it has no such key or the provider cannot translate it (a key type
     * it has no factory for): then the provider converts the key per handshake, as it did before.
     */
    static X509ExtendedKeyManager over(X509ExtendedKeyManager delegate, String alias, String provider) {
        PrivateKey key = delegate.getPrivateKey(alias);
        if (key == null || key.getEncoded() == null) {
            return delegate;
        }
        try {
            KeyFactory factory = KeyFactory.getInstance(key.getAlgorithm(), provider);
            PrivateKey translated = factory.generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
            return new NativeKeyManager(delegate, alias, translated);
        } catch (GeneralSecurityException e) {
            LOG.info("TLS provider {} keeps the {} key as given ({})", provider, key.getAlgorithm(), e.toString());
            return delegate;
        }
    }

    @Override
    public PrivateKey getPrivateKey(String name) {
        return alias.equals(name) ? nativeKey : delegate.getPrivateKey(name);
    }

    @Override
    public X509Certificate[] getCertificateChain(String name) {
        return delegate.getCertificateChain(name);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return delegate.getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return delegate.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return delegate.chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return delegate.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return delegate.chooseEngineClientAlias(keyType, issuers, engine);
    }
}
