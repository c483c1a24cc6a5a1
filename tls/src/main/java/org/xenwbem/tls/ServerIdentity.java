package org.xenwbem.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.crypto.spec.PBEParameterSpec;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The private key and certificate chain the daemon serves, with where they came from.
 * Immutable; {@link #keyStore()} is an in-memory PKCS#12 store made for this object alone.
 *
 * <p>Start-up policy ({@link #resolve}): an explicit PEM when configured; else xapi's own
 * {@link #XAPI_SSL_PEM} when present and usable; else a self-signed certificate generated once
 * and kept in the state directory ({@link #loadOrGenerate}).
 */
public final class ServerIdentity {
    /** Alias of the key entry in {@link #keyStore()} and in the generated {@code server.p12}. */
    public static final String KEY_ALIAS = "xenwbem";
    /** Where xapi keeps its server key and certificate on a XenServer / XCP-ng host. */
    public static final Path XAPI_SSL_PEM = Path.of("/etc/xensource/xapi-ssl.pem");

    /** Prefix of {@link #source()} for an identity read from a PEM file. */
    static final String PEM_SOURCE = "pem:";
    private static final Logger LOG = LoggerFactory.getLogger(ServerIdentity.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String IN_MEMORY_PBE = "PBEWithHmacSHA256AndAES_256";
    private final List<X509Certificate> chain;
    private final String source;
    private final KeyStore keyStore;
    private final char[] keyStorePassword;
    private final String fingerprint;

    ServerIdentity(PrivateKey key, List<X509Certificate> chain, String source) throws TlsConfigException {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least one certificate");
        }
        this.chain = List.copyOf(chain);
        this.source = source;
        this.keyStorePassword = randomPassword().toCharArray();
        try {
            this.keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            // in memory only, under a random password: one PBE iteration, not the JDK's 10,000 for files,
            // which every TLS context made from this store (HTTPS, transfer endpoint, reload) paid again
            keyStore.setEntry(KEY_ALIAS, new KeyStore.PrivateKeyEntry(key, this.chain.toArray(X509Certificate[]::new)),
                    new KeyStore.PasswordProtection(keyStorePassword, IN_MEMORY_PBE, new PBEParameterSpec(salt(), 1)));
            this.fingerprint = Fingerprints.sha256(this.chain.get(0));
        } catch (KeyStoreException | IOException | NoSuchAlgorithmException | CertificateException e) {
            throw new TlsConfigException("Cannot hold the TLS key from " + source + " in a key store", e);
        }
    }

    /** Reads a PEM with an unencrypted private key and its certificate(s), e.g. xapi-ssl.pem. */
    public static ServerIdentity loadPem(Path pemFile) throws TlsConfigException {
        return PemIdentityReader.read(pemFile);
    }

    /**
     * Loads {@code stateDir/server.p12}, or generates and saves a new self-signed certificate for
     * {@code names} when that store is missing, unreadable or its certificate has expired.
     */
    public static ServerIdentity loadOrGenerate(Path stateDir, HostNames names) throws TlsConfigException {
        return new GeneratedIdentityStore(stateDir).loadOrGenerate(() -> names);
    }

    /**
     * {@link #resolve(Path, Path, HostNames)} with the host's names found only when a certificate is
     * generated: finding them asks the resolver (up to 3 s on a host whose DNS does not answer), which a
     * start that serves a PEM or the kept certificate does not need (issue #15 item 4).
     */
    public static ServerIdentity resolve(Path certPemOrNull, Path stateDir, java.util.function.Supplier<HostNames> names)
            throws TlsConfigException {
        return resolve(certPemOrNull, stateDir, names, XAPI_SSL_PEM);
    }

    /** {@link #resolve(Path, Path, HostNames, Path)} with xapi's {@link #XAPI_SSL_PEM}. */
    public static ServerIdentity resolve(Path certPemOrNull, Path stateDir, HostNames names) throws TlsConfigException {
        return resolve(certPemOrNull, stateDir, () -> names, XAPI_SSL_PEM);
    }

    /**
     * The daemon's policy. An explicit PEM must load, or this fails. The default PEM is used when
     * it is a readable file; if it is unusable the reason is logged and a generated certificate
     * is served instead, so the daemon still starts.
     */
    public static ServerIdentity resolve(Path certPemOrNull, Path stateDir, HostNames names, Path defaultPem)
            throws TlsConfigException {
        return resolve(certPemOrNull, stateDir, () -> names, defaultPem);
    }

    private static ServerIdentity resolve(Path certPemOrNull, Path stateDir, java.util.function.Supplier<HostNames> names,
                                          Path defaultPem) throws TlsConfigException {
        if (certPemOrNull != null) {
            return loadPem(certPemOrNull);
        }
        if (defaultPem != null && Files.isRegularFile(defaultPem) && Files.isReadable(defaultPem)) {
            try {
                return loadPem(defaultPem);
            } catch (TlsConfigException e) {
                LOG.warn("Not serving {}: {}; using a generated certificate instead", defaultPem, e.getMessage());
            }
        }
        return new GeneratedIdentityStore(stateDir).loadOrGenerate(names);
    }

    /** The server certificate (first of the chain). */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** Server certificate first, then any intermediates as given. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /**
     * The CN of the certificate's subject — what is actually served, whoever issued it. The most
     * specific CN when there are several; the whole RFC 2253 subject when there is none.
     */
    public String commonName() {
        // the JDK's parser, not Bouncy Castle's: its signed jar is verified and loaded, outside the
        // class-data archive, the first time it is used, ~0.2 s of CPU on every start (issue #15 item 4)
        String subject = certificate().getSubjectX500Principal().getName(X500Principal.RFC2253);
        try {
            List<Rdn> rdns = new LdapName(subject).getRdns(); // least specific first, as in DER
            for (int i = rdns.size() - 1; i >= 0; i--) {
                Attribute cn = rdns.get(i).toAttributes().get("CN");
                if (cn != null) {
                    Object value = cn.get();
                    return value instanceof byte[] der ? "#" + HexFormat.of().formatHex(der) : String.valueOf(value);
                }
            }
        } catch (NamingException e) {
            return subject;
        }
        return subject;
    }

    /** SHA-256 over the DER certificate: 32 upper-case hex pairs joined by ':'. */
    public String sha256Fingerprint() {
        return fingerprint;
    }

    /** In-memory PKCS#12 store with the key and chain under {@link #KEY_ALIAS}. */
    public KeyStore keyStore() {
        return keyStore;
    }

    /** Password of {@link #keyStore()} and of its key entry (random, per instance); a copy. */
    public char[] keyStorePassword() {
        return keyStorePassword.clone();
    }

    /** Where the identity came from: {@code pem:<path>} or {@code generated:<path to server.p12>}. */
    public String source() {
        return source;
    }

    /** The PEM file this identity was read from; empty for a generated one. */
    public Optional<Path> pemFile() {
        return source.startsWith(PEM_SOURCE) ? Optional.of(Path.of(source.substring(PEM_SOURCE.length())))
                : Optional.empty();
    }

    @Override
    public String toString() {
        return "ServerIdentity[" + source + ", CN=" + commonName() + ", SHA-256 " + fingerprint + "]";
    }

    /** 192 random bits, base64url: for in-memory and on-disk PKCS#12 stores. */
    private static byte[] salt() {
        byte[] salt = new byte[20];
        RANDOM.nextBytes(salt);
        return salt;
    }

    static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
