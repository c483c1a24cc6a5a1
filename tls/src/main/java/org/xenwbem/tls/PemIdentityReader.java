package org.xenwbem.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.encoders.DecoderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a server identity from a PEM file holding one unencrypted private key (PKCS#1
 * {@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY} or PKCS#8 {@code PRIVATE KEY}) and one or more
 * certificates, in any order — the layout of dom0's {@code /etc/xensource/xapi-ssl.pem}. Other
 * blocks ({@code DH PARAMETERS}, {@code EC PARAMETERS}, ...) are ignored. The certificate whose
 * public key matches the private key leads the chain, followed by its issuers found in the file
 * (linked by subject and issuer name); certificates outside that chain are ignored with a warning.
 */
final class PemIdentityReader {
    private static final Logger LOG = LoggerFactory.getLogger(PemIdentityReader.class);

    private final Path file;
    private final JcaPEMKeyConverter keyConverter = new JcaPEMKeyConverter();
    private final JcaX509CertificateConverter certificateConverter = new JcaX509CertificateConverter();
    private final List<PrivateKey> keys = new ArrayList<>();
    private final List<X509Certificate> certificates = new ArrayList<>();

    private PemIdentityReader(Path file) {
        this.file = file;
    }

    static ServerIdentity read(Path file) throws TlsConfigException {
        if (!Files.exists(file)) {
            throw new TlsConfigException("TLS certificate file " + file + " does not exist");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new TlsConfigException("TLS certificate file " + file + " is not a readable file");
        }
        PemIdentityReader reader = new PemIdentityReader(file);
        try {
            reader.parse(Files.newBufferedReader(file, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new TlsConfigException("TLS certificate file " + file + " cannot be read: " + e.getMessage(), e);
        }
        return reader.identity();
    }

    /** The identity in {@code content}, the bytes just read from {@code file} (named in messages). */
    static ServerIdentity read(Path file, byte[] content) throws TlsConfigException {
        PemIdentityReader reader = new PemIdentityReader(file);
        reader.parse(new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.ISO_8859_1));
        return reader.identity();
    }

    private void parse(Reader source) throws TlsConfigException {
        try (Reader in = source; LenientPemParser parser = new LenientPemParser(in)) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                accept(item);
            }
            if (!parser.skippedTypes().isEmpty()) {
                LOG.debug("Ignored PEM blocks {} in {}", parser.skippedTypes(), file);
            }
        } catch (IOException | DecoderException e) {
            throw new TlsConfigException("TLS certificate file " + file + " is not valid PEM: " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new TlsConfigException("TLS certificate file " + file + " holds an unusable certificate", e);
        }
    }

    private void accept(Object item) throws IOException, CertificateException, TlsConfigException {
        if (item instanceof PEMKeyPair pair) {
            keys.add(keyConverter.getPrivateKey(pair.getPrivateKeyInfo()));
        } else if (item instanceof PrivateKeyInfo info) {
            keys.add(keyConverter.getPrivateKey(info));
        } else if (item instanceof X509CertificateHolder holder) {
            certificates.add(certificateConverter.getCertificate(holder));
        } else if (item instanceof X509TrustedCertificateBlock block) {
            certificates.add(certificateConverter.getCertificate(block.getCertificateHolder()));
        } else if (item instanceof PEMEncryptedKeyPair || item instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new TlsConfigException("TLS certificate file " + file
                    + " holds an encrypted private key; only unencrypted keys are supported");
        } else {
            LOG.debug("Ignored {} in {}", item.getClass().getSimpleName(), file);
        }
    }

    private ServerIdentity identity() throws TlsConfigException {
        if (keys.isEmpty()) {
            throw new TlsConfigException("TLS certificate file " + file + " contains no private key");
        }
        if (keys.size() > 1) {
            throw new TlsConfigException("TLS certificate file " + file + " contains " + keys.size()
                    + " private keys; expected one");
        }
        if (certificates.isEmpty()) {
            throw new TlsConfigException("TLS certificate file " + file + " contains no certificate");
        }
        PrivateKey key = keys.get(0);
        List<X509Certificate> chain = chainFrom(certificateFor(key));
        if (chain.size() < certificates.size()) {
            LOG.warn("Ignored {} certificate(s) in {} that are not issuers of its server certificate",
                    certificates.size() - chain.size(), file);
        }
        return new ServerIdentity(key, chain, ServerIdentity.PEM_SOURCE + file);
    }

    /** The leaf, then its issuer, its issuer's issuer... as far as the file holds them. */
    private List<X509Certificate> chainFrom(X509Certificate leaf) {
        List<X509Certificate> chain = new ArrayList<>();
        List<X509Certificate> remaining = new ArrayList<>(certificates);
        X509Certificate current = leaf;
        while (current != null) {
            chain.add(current);
            remaining.remove(current);
            current = isSelfIssued(current) ? null : issuerOf(current, remaining);
        }
        return chain;
    }

    private static X509Certificate issuerOf(X509Certificate certificate, List<X509Certificate> candidates) {
        for (X509Certificate candidate : candidates) {
            if (candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean isSelfIssued(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    private X509Certificate certificateFor(PrivateKey key) throws TlsConfigException {
        try {
            for (X509Certificate certificate : certificates) {
                if (KeyChecks.matches(key, certificate.getPublicKey())) {
                    return certificate;
                }
            }
        } catch (NoSuchAlgorithmException e) {
            throw new TlsConfigException("TLS certificate file " + file + " holds a private key of type "
                    + key.getAlgorithm() + ", which cannot serve TLS", e);
        }
        String which = certificates.size() == 1 ? "its certificate" : "any of its " + certificates.size() + " certificates";
        throw new TlsConfigException("The private key in TLS certificate file " + file + " does not match " + which);
    }
}
