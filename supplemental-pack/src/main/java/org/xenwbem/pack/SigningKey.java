package org.xenwbem.pack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyConverter;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;

/**
 * The key that signs everything: update.xml and repomd.xml (armoured detached gpg signatures),
 * the RPMs (rpmsign) and the installation manifest (XMLDSig, through Bouncy Castle's reading of
 * the same OpenPGP key). It is the key the build's configuration names (a GnuPG home, a key id
 * and a passphrase file), else a throw-away RSA key generated once in {@code target/gnupg}.
 */
final class SigningKey {
    private static final String THROWAWAY_UID = "xenwbem pack build (throw-away key) <build@xenwbem.invalid>";

    private final Path home;
    private final boolean throwaway;
    private final Path passphraseFile;
    private final Tools tools;
    private final Path workDir;
    private String fingerprint;
    private long created;

    private SigningKey(Path home, boolean throwaway, Path passphraseFile, Path workDir) {
        this.home = home;
        this.throwaway = throwaway;
        this.passphraseFile = passphraseFile;
        this.workDir = workDir;
        this.tools = new Tools(Map.of("GNUPGHOME", home.toString()));
    }

    /** The configured key, or the throw-away key of {@code target/gnupg} (generated when absent). */
    static SigningKey open(PackSettings s) throws PackException, IOException {
        if (s.gnupgHome() != null || s.keyId() != null) {
            if (s.gnupgHome() == null || s.keyId() == null) {
                throw new PackException("a configured signing key needs both xenwbem.signing.gnupghome and xenwbem.signing.key");
            }
            SigningKey k = new SigningKey(s.gnupgHome(), false, s.passphraseFile(), s.target());
            k.select(s.keyId());
            return k;
        }
        Path home = s.target().resolve("gnupg");
        Files.createDirectories(home, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path empty = s.target().resolve("gnupg-passphrase");
        Files.writeString(empty, "");
        SigningKey k = new SigningKey(home, true, empty, s.target());
        if (!k.hasSecretKey()) {
            k.tools.run(List.of("gpg", "--batch", "--quiet", "--pinentry-mode", "loopback", "--passphrase", "",
                    "--quick-gen-key", THROWAWAY_UID, "rsa3072", "sign", "2y"), s.target(), 120);
        }
        k.select(THROWAWAY_UID);
        return k;
    }

    private boolean hasSecretKey() throws PackException {
        String colons = tools.run(List.of("gpg", "--batch", "--with-colons", "--list-secret-keys"), workDir, 60);
        return colons.startsWith("sec:") || colons.contains("\nsec:");
    }

    /** Finds the key's fingerprint and creation time ({@code gpg --with-colons}). */
    private void select(String id) throws PackException {
        String colons = tools.run(List.of("gpg", "--batch", "--with-colons", "--fixed-list-mode", "--list-secret-keys", id),
                workDir, 60);
        boolean inPrimary = false;
        for (String line : colons.split("\n")) {
            String[] f = line.split(":", -1);
            if (f[0].equals("sec")) {
                if (!f[3].equals("1")) {
                    throw new PackException("the signing key " + id + " must be RSA (gpg algorithm 1), not algorithm " + f[3]);
                }
                created = Long.parseLong(f[5]);
                inPrimary = true;
            } else if (f[0].equals("fpr") && inPrimary) {
                fingerprint = f[9];
                return;
            }
        }
        throw new PackException("no secret key " + id + " in " + home);
    }

    String fingerprint() {
        return fingerprint;
    }

    long createdSeconds() {
        return created;
    }

    boolean throwaway() {
        return throwaway;
    }

    void exportPublic(Path out) throws PackException, IOException {
        byte[] key = tools.runBytes(List.of("gpg", "--batch", "--armor", "--export", fingerprint), workDir, 60);
        Files.write(out, key);
    }

    /** Writes {@code file.asc}, an armoured detached signature. */
    Path detachSign(Path file) throws PackException {
        Path asc = file.resolveSibling(file.getFileName() + ".asc");
        List<String> cmd = new ArrayList<>(List.of("gpg", "--batch", "--yes", "--pinentry-mode", "loopback"));
        passphrase(cmd);
        cmd.addAll(List.of("--local-user", fingerprint, "--digest-algo", "SHA256", "--armor", "--detach-sign",
                "--output", asc.toString(), file.toString()));
        tools.run(cmd, workDir, 60);
        return asc;
    }

    /** Signs RPMs in place, with header+payload (v3) and header-only (v4) signatures. */
    void rpmSign(List<Path> rpms) throws PackException {
        String extra = "--batch --pinentry-mode loopback"
                + (passphraseFile == null ? "" : " --passphrase-file " + passphraseFile);
        List<String> cmd = new ArrayList<>(List.of("rpmsign", "--addsign", "--rpmv3",
                "--define", "_gpg_name " + fingerprint, "--define", "__gpg /usr/bin/gpg",
                "--define", "_gpg_path " + home, "--define", "_gpg_digest_algo sha256",
                "--define", "_gpg_sign_cmd_extra_args " + extra));
        rpms.forEach(p -> cmd.add(p.toString()));
        tools.run(cmd, workDir, 300);
    }

    /** The same key as a Java key pair, for the XML signature of the installation manifest. */
    KeyPair javaKeyPair() throws PackException {
        List<String> cmd = new ArrayList<>(List.of("gpg", "--batch", "--pinentry-mode", "loopback"));
        passphrase(cmd);
        cmd.addAll(List.of("--export-secret-keys", fingerprint));
        byte[] secret = tools.runBytes(cmd, workDir, 60);
        try {
            PGPSecretKeyRingCollection rings = new PGPSecretKeyRingCollection(
                    PGPUtil.getDecoderStream(new ByteArrayInputStream(secret)), new JcaKeyFingerprintCalculator());
            long keyId = Long.parseUnsignedLong(fingerprint.substring(fingerprint.length() - 16), 16);
            PGPSecretKey sk = rings.getSecretKey(keyId);
            if (sk == null) {
                throw new PackException("gpg exported no secret key " + fingerprint);
            }
            char[] pass = passphraseFile == null ? new char[0] : Files.readString(passphraseFile).strip().toCharArray();
            PGPPrivateKey pk = sk.extractPrivateKey(new JcePBESecretKeyDecryptorBuilder().build(pass));
            JcaPGPKeyConverter conv = new JcaPGPKeyConverter();
            return new KeyPair(conv.getPublicKey(sk.getPublicKey()), conv.getPrivateKey(pk));
        } catch (IOException | PGPException e) {
            throw new PackException("cannot read the signing key " + fingerprint + " for the manifest: " + e.getMessage(), e);
        }
    }

    /** Stops the gpg-agent this build started for its throw-away home (a configured home is left alone). */
    void close() {
        if (throwaway) {
            try {
                tools.run(List.of("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent"), workDir, 30);
            } catch (PackException e) {
                System.out.println("[pack] note: " + e.getMessage());
            }
        }
    }

    private void passphrase(List<String> cmd) {
        if (passphraseFile != null) {
            cmd.addAll(List.of("--passphrase-file", passphraseFile.toString()));
        }
    }
}
