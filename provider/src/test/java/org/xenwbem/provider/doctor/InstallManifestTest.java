package org.xenwbem.provider.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing and verifying the installation manifest, and each way of tampering with an installation. */
class InstallManifestTest {
    private static final long CREATED = 1_735_689_600L;
    private static KeyPair keys;
    private static KeyPair otherKeys;

    @TempDir
    Path root;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
        otherKeys = g.generateKeyPair();
    }

    private Path install(KeyPair signer) throws Exception {
        Path lib = Files.createDirectories(root.resolve("opt/xenwbem/lib"));
        Files.writeString(lib.resolve("a.jar"), "jar a", StandardCharsets.UTF_8);
        Files.writeString(lib.resolve("b.jar"), "jar b", StandardCharsets.UTF_8);
        Path unit = Files.createDirectories(root.resolve("usr/lib/systemd/system")).resolve("xenwbem.service");
        Files.writeString(unit, "[Unit]\n", StandardCharsets.UTF_8);
        List<InstallManifest.Entry> entries = List.of(
                InstallManifest.entry("/opt/xenwbem/lib/a.jar", lib.resolve("a.jar")),
                InstallManifest.entry("/opt/xenwbem/lib/b.jar", lib.resolve("b.jar")),
                InstallManifest.entry("/usr/lib/systemd/system/xenwbem.service", unit));
        byte[] xml = InstallManifest.sign(new InstallManifest.Header("xenwbem", "0.1.0-1", "/opt/xenwbem", CREATED),
                entries, signer, OpenPgpFingerprint.of(signer.getPublic(), CREATED));
        Path m = root.resolve("opt/xenwbem/MANIFEST.xml");
        Files.write(m, xml);
        return m;
    }

    @Test
    void anUntouchedInstallationVerifies() throws Exception {
        Path m = install(keys);
        ManifestVerifier.Result r = ManifestVerifier.verify(m, root, null);
        assertTrue(r.ok(), r.toString());
        assertEquals(3, r.filesChecked());
        assertEquals(OpenPgpFingerprint.of(keys.getPublic(), CREATED), r.signerFingerprint());
        assertTrue(ManifestVerifier.verify(m, root, r.signerFingerprint().toLowerCase()).ok());
    }

    @Test
    void aModifiedFileIsNamed() throws Exception {
        Path m = install(keys);
        Files.writeString(root.resolve("opt/xenwbem/lib/b.jar"), "jar B", StandardCharsets.UTF_8);
        ManifestVerifier.Result r = ManifestVerifier.verify(m, root, null);
        assertFalse(r.ok());
        assertEquals(List.of("/opt/xenwbem/lib/b.jar"), r.modified());
    }

    @Test
    void missingAndAddedFilesAreNamed() throws Exception {
        Path m = install(keys);
        Files.delete(root.resolve("usr/lib/systemd/system/xenwbem.service"));
        Files.writeString(root.resolve("opt/xenwbem/lib/evil.jar"), "x", StandardCharsets.UTF_8);
        ManifestVerifier.Result r = ManifestVerifier.verify(m, root, null);
        assertEquals(List.of("/usr/lib/systemd/system/xenwbem.service"), r.missing());
        assertEquals(List.of("/opt/xenwbem/lib/evil.jar"), r.unexpected());
    }

    @Test
    void anEditedManifestFailsItsSignature() throws Exception {
        Path m = install(keys);
        Path a = root.resolve("opt/xenwbem/lib/a.jar");
        Files.writeString(a, "jar A", StandardCharsets.UTF_8);
        String digest = InstallManifest.entry("/x", a).sha256();
        String xml = Files.readString(m).replaceFirst("sha256=\"[0-9a-f]+\"", "sha256=\"" + digest + "\"");
        Files.writeString(m, xml);
        ManifestVerifier.Result r = ManifestVerifier.verify(m, root, null);
        assertNotNull(r.problem());
        assertTrue(r.problem().contains("does not verify"), r.problem());
    }

    @Test
    void aManifestReSignedByAnotherKeyFailsAgainstTheTrustedFingerprint() throws Exception {
        Path m = install(otherKeys);
        String trusted = OpenPgpFingerprint.of(keys.getPublic(), CREATED);
        ManifestVerifier.Result r = ManifestVerifier.verify(m, root, trusted);
        assertNotNull(r.problem());
        assertTrue(r.problem().contains("not by the trusted key"), r.problem());
    }

    @Test
    void aMissingManifestIsReported() throws Exception {
        ManifestVerifier.Result r = ManifestVerifier.verify(root.resolve("nope.xml"), root, null);
        assertTrue(r.problem().contains("missing"), r.problem());
    }
}
