package org.xenwbem.provider.delivery;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.xenwbem.tls.HostNames;
import org.xenwbem.tls.ServerIdentity;
import org.xenwbem.tls.TlsConfigException;

/**
 * Test material: the identity of an https event receiver with a self-signed certificate (generated
 * by the tls module, naming listener.example, 127.0.0.1 and ::1), as a server TLS context, a PEM
 * trust file and a SHA-256 fingerprint.
 */
public final class SelfSignedListener {
    private final ServerIdentity identity;

    /** @param dir an empty directory for the generated key store */
    public SelfSignedListener(Path dir) throws TlsConfigException, java.net.UnknownHostException {
        identity = ServerIdentity.loadOrGenerate(dir,
                HostNames.of("listener.example", List.of(InetAddress.getByName("192.0.2.20"))));
    }

    /** The server side: presents the self-signed certificate. */
    public SSLContext serverContext() throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity.keyStore(), identity.keyStorePassword());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    public String sha256() {
        return identity.sha256Fingerprint();
    }

    /** Writes the certificate as a PEM trust file. */
    public Path writePem(Path file) throws Exception {
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(identity.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        return Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }
}
