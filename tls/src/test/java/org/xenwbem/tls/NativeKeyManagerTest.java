package org.xenwbem.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.X509ExtendedKeyManager;
import org.conscrypt.OpenSSLKeyHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server key handed to Conscrypt is a key of its own, made once per context (not at every
 * handshake), equal to the identity's key, and serves full handshakes with RSA and ECDSA keys.
 */
class NativeKeyManagerTest {
    private static final char[] PASSWORD = "test".toCharArray();

    @BeforeAll
    static void conscrypt() {
        assumeTrue(TlsProviderTest.isLinuxX8664(), "Conscrypt's bundled library is for Linux x86-64 (dom0)");
        assumeTrue(TlsProvider.serverProvider().isPresent(), "Conscrypt loads here");
    }

    @Test
    void rsaKeyIsConscryptsOwnTranslatedOnce() throws Exception {
        keyIsConscryptsOwnAndServes(TestTls.rsa2048());
    }

    @Test
    void ecKeyIsConscryptsOwnTranslatedOnce() throws Exception {
        keyIsConscryptsOwnAndServes(TestTls.ecP256());
    }

    @Test
    void otherAliasesAreTheDelegates() throws Exception {
        X509ExtendedKeyManager keys = NativeKeyManager.over(jdkKeyManager(TestTls.ecP256()),
                ServerIdentity.KEY_ALIAS, TlsProvider.CONSCRYPT);
        assertNull(keys.getPrivateKey("other"));
        assertNull(keys.getCertificateChain("other"));
    }

    @Test
    void aKeyTheProviderCannotTakeStaysTheDelegates() throws Exception {
        X509ExtendedKeyManager jdk = jdkKeyManager(TestTls.ecP256());
        assertSame(jdk, NativeKeyManager.over(jdk, ServerIdentity.KEY_ALIAS, "NoSuchProvider"));
    }

    private static void keyIsConscryptsOwnAndServes(KeyPair pair) throws Exception {
        X509ExtendedKeyManager jdk = jdkKeyManager(pair);
        X509ExtendedKeyManager keys = NativeKeyManager.over(jdk, ServerIdentity.KEY_ALIAS, TlsProvider.CONSCRYPT);
        assertInstanceOf(OpenSSLKeyHolder.class, keys.getPrivateKey(ServerIdentity.KEY_ALIAS));
        assertSame(keys.getPrivateKey(ServerIdentity.KEY_ALIAS), keys.getPrivateKey(ServerIdentity.KEY_ALIAS),
                "translated once, not per handshake");
        assertArrayEquals(pair.getPrivate().getEncoded(), keys.getPrivateKey(ServerIdentity.KEY_ALIAS).getEncoded());
        assertArrayEquals(jdk.getCertificateChain(ServerIdentity.KEY_ALIAS),
                keys.getCertificateChain(ServerIdentity.KEY_ALIAS));
        assertEquals(1, handshake(keys, jdk.getCertificateChain(ServerIdentity.KEY_ALIAS)[0]));
    }

    private static X509ExtendedKeyManager jdkKeyManager(KeyPair pair) throws Exception {
        X509Certificate cert = TestTls.caCertificate(pair, "native-key-test");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ServerIdentity.KEY_ALIAS, pair.getPrivate(), PASSWORD, new X509Certificate[] {cert});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, PASSWORD);
        return (X509ExtendedKeyManager) factory.getKeyManagers()[0];
    }

    /**
     * A full TLS handshake between a Conscrypt server engine using {@code keys} and the JDK's client engine
     * trusting {@code cert}, in memory; then one application byte from server to client, returned.
     */
    private static int handshake(X509ExtendedKeyManager keys, X509Certificate cert) throws Exception {
        SSLContext serverContext = SSLContext.getInstance("TLS", TlsProvider.CONSCRYPT);
        serverContext.init(new javax.net.ssl.KeyManager[] {keys}, null, null);
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        SSLEngine client = TestTls.trusting(cert).createSSLEngine("native-key-test", 443);
        client.setUseClientMode(true);
        ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
        ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
        ByteBuffer app = ByteBuffer.allocate(1 << 17);
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < 100 && !(done(client) && done(server)); step++) {
            pump(client, toClient, toServer, app);
            pump(server, toServer, toClient, app);
        }
        assertEquals(SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING, client.getHandshakeStatus());
        server.wrap(ByteBuffer.wrap(new byte[] {1}), toClient);
        app.clear();
        for (int step = 0; step < 10 && app.position() == 0; step++) {
            pump(client, toClient, toServer, app);
        }
        return app.position() == 1 ? app.get(0) : -1;
    }

    private static boolean done(SSLEngine engine) {
        return engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
    }

    /** One step of {@code engine}: runs its tasks, unwraps what came in, wraps what it has to send. */
    private static void pump(SSLEngine engine, ByteBuffer in, ByteBuffer out, ByteBuffer app) throws Exception {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
        in.flip();
        engine.unwrap(in, app);
        in.compact();
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
        engine.wrap(ByteBuffer.allocate(0), out);
    }
}
