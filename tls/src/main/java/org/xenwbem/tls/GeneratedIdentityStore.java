package org.xenwbem.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-signed identity kept in the state directory: {@code server.p12} (PKCS#12, key and
 * certificate under {@link ServerIdentity#KEY_ALIAS}) and {@code server.p12.pass} (its random
 * password). Directory 0700, files 0600 on POSIX file systems. Reused across restarts so the
 * fingerprint clients pinned stays valid; replaced only when unreadable or expired.
 */
final class GeneratedIdentityStore {
    static final String STORE_FILE = "server.p12";
    static final String PASSWORD_FILE = "server.p12.pass";
    private static final Logger LOG = LoggerFactory.getLogger(GeneratedIdentityStore.class);

    private final Path dir;
    private final Path storeFile;
    private final Path passwordFile;

    GeneratedIdentityStore(Path stateDir) {
        this.dir = stateDir;
        this.storeFile = stateDir.resolve(STORE_FILE);
        this.passwordFile = stateDir.resolve(PASSWORD_FILE);
    }

    /** @param names the host's names, asked for only when a certificate is generated */
    ServerIdentity loadOrGenerate(java.util.function.Supplier<HostNames> names) throws TlsConfigException {
        Instant now = Instant.now();
        if (exists()) {
            Optional<ServerIdentity> existing = loadUsable(now);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        return generate(names.get(), now);
    }

    private Optional<ServerIdentity> loadUsable(Instant now) {
        ServerIdentity identity;
        try {
            identity = load();
        } catch (TlsConfigException e) {
            LOG.warn("{}; generating a new certificate", e.getMessage());
            return Optional.empty();
        }
        Instant notAfter = identity.certificate().getNotAfter().toInstant();
        if (notAfter.isBefore(now)) {
            LOG.warn("The certificate in {} expired on {}; generating a new one", storeFile, notAfter);
            return Optional.empty();
        }
        LOG.info("Serving certificate CN={} SHA-256 {} from {}", identity.commonName(),
                identity.sha256Fingerprint(), storeFile);
        return Optional.of(identity);
    }

    /** True when the store has been written (it may still be unreadable or expired). */
    boolean exists() {
        return Files.exists(storeFile);
    }

    /** The stored identity; fails when a file is missing, the password is wrong or the key is unusable. */
    ServerIdentity load() throws TlsConfigException {
        try (InputStream in = Files.newInputStream(storeFile)) {
            char[] password = readPassword();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            String alias = keyAlias(store);
            Key key = store.getKey(alias, password);
            Certificate[] chain = store.getCertificateChain(alias);
            if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0) {
                throw new TlsConfigException("Key store " + storeFile + " holds no private key with a certificate");
            }
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : chain) {
                if (!(certificate instanceof X509Certificate x509)) {
                    throw new TlsConfigException("Key store " + storeFile + " holds a non-X.509 certificate");
                }
                certificates.add(x509);
            }
            if (!KeyChecks.matches(privateKey, certificates.get(0).getPublicKey())) {
                throw new TlsConfigException("The key in " + storeFile + " does not match its certificate");
            }
            return new ServerIdentity(privateKey, certificates, "generated:" + storeFile);
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsConfigException("Key store " + storeFile + " is unreadable: " + e, e);
        }
    }

    private char[] readPassword() throws IOException {
        return new String(Files.readAllBytes(passwordFile), StandardCharsets.US_ASCII).strip().toCharArray();
    }

    private String keyAlias(KeyStore store) throws GeneralSecurityException {
        if (store.isKeyEntry(ServerIdentity.KEY_ALIAS)) {
            return ServerIdentity.KEY_ALIAS;
        }
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return alias;
            }
        }
        throw new GeneralSecurityException("no key entry");
    }

    private ServerIdentity generate(HostNames names, Instant now) throws TlsConfigException {
        KeyPair keys = SelfSignedCertificates.newKeyPair();
        X509Certificate certificate;
        try {
            certificate = SelfSignedCertificates.issue(keys, names, now);
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException("Cannot issue a self-signed certificate for " + names.commonName(), e);
        }
        save(keys.getPrivate(), List.of(certificate));
        ServerIdentity identity = new ServerIdentity(keys.getPrivate(), List.of(certificate), "generated:" + storeFile);
        LOG.info("Generated self-signed certificate CN={} SHA-256 {} in {}", identity.commonName(),
                identity.sha256Fingerprint(), storeFile);
        return identity;
    }

    /** Writes the password file, then the store; a crash in between leaves a store that regenerates. */
    void save(PrivateKey key, List<X509Certificate> chain) throws TlsConfigException {
        String password = ServerIdentity.randomPassword();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ServerIdentity.KEY_ALIAS, key, password.toCharArray(),
                    chain.toArray(X509Certificate[]::new));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            store.store(bytes, password.toCharArray());
            PrivateFiles.createDirectories(dir);
            PrivateFiles.write(passwordFile, password.getBytes(StandardCharsets.US_ASCII));
            PrivateFiles.write(storeFile, bytes.toByteArray());
        } catch (IOException e) {
            throw new TlsConfigException("Cannot write the TLS key store " + storeFile + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException("Cannot create the TLS key store " + storeFile, e);
        }
    }
}
