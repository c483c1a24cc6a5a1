package org.xenwbem.tests.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code xenwbem doctor --verify-install}, run by the installed launcher: an untouched tree
 * verifies against the signed manifest (signed by the pack's key, whose fingerprint the doctor
 * recomputes), and changing, removing or adding any file — or the manifest — fails the check
 * and names what changed.
 */
class InstalledTreeTest {
    private static PackFixture pack;
    private static Path root;
    private static Path empty;

    @BeforeAll
    static void install() throws Exception {
        pack = PackFixture.get();
        root = pack.installPayload("tamper-root");
        empty = Files.createDirectories(PackFixture.WORK.resolve("empty-path"));
    }

    private static Cmd.Result verify(String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("opt/xenwbem/bin/xenwbem").toString(), "doctor",
                "--verify-install"));
        cmd.addAll(List.of(extra));
        return Cmd.run(cmd, PackFixture.WORK, Map.of("PATH", empty.toString(), "XENWBEM_CONF", "/nonexistent"), true,
                Duration.ofMinutes(1));
    }

    @Test
    void anUntouchedInstallationVerifiesAgainstThePacksKey() throws Exception {
        Cmd.Result r = verify();
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("[ ok ] installation matches its signed manifest: " + pack.prop("manifest.files")
                + " files of xenwbem " + pack.prop("version") + " match"), r.out());
        assertTrue(r.out().contains("signed by key " + pack.prop("key.fingerprint")),
                "the fingerprint the doctor recomputes is gpg's: " + r.out());
        assertEquals(0, verify("--trusted-fingerprint", pack.prop("key.fingerprint")).exit());
        Cmd.Result other = verify("--trusted-fingerprint", "0000000000000000000000000000000000000000");
        assertEquals(1, other.exit(), other.toString());
        assertTrue(other.out().contains("not by the trusted key"), other.out());
    }

    @Test
    void changingAnyKindOfInstalledFileFailsAndNamesIt() throws Exception {
        for (String f : List.of("/opt/xenwbem/lib/" + jarName("xen-bridge"), "/opt/xenwbem/runtime/lib/libnet.so",
                "/usr/lib/systemd/system/xenwbem.service", "/opt/xenwbem/libexec/xenwbem-firewall")) {
            Path p = root.resolve(f.substring(1));
            byte[] saved = Files.readAllBytes(p);
            PackFixture.tampered(p, p, 10);
            try {
                Cmd.Result r = verify();
                assertEquals(1, r.exit(), f + ": " + r);
                assertTrue(r.out().contains("[FAIL] installation matches its signed manifest: modified: " + f), r.out());
            } finally {
                Files.write(p, saved);
            }
        }
        assertEquals(0, verify().exit());
    }

    @Test
    void removedAddedFilesAndAnEditedManifestFail() throws Exception {
        String tls = jarName("tls");
        Path jar = root.resolve("opt/xenwbem/lib/" + tls);
        byte[] saved = Files.readAllBytes(jar);
        Files.delete(jar);
        try {
            assertTrue(verify().out().contains("missing: /opt/xenwbem/lib/" + tls));
        } finally {
            Files.write(jar, saved);
        }
        Path extra = root.resolve("opt/xenwbem/lib/extra.jar");
        Files.write(extra, saved);
        try {
            assertTrue(verify().out().contains("not part of the pack: /opt/xenwbem/lib/extra.jar"));
        } finally {
            Files.delete(extra);
        }
        Path manifest = root.resolve("opt/xenwbem/MANIFEST.xml");
        String original = Files.readString(manifest);
        Files.writeString(manifest, original.replaceFirst("size=\"(\\d)", "size=\"9$1"));
        try {
            Cmd.Result r = verify();
            assertEquals(1, r.exit());
            assertTrue(r.out().contains("does not verify: the manifest was altered"), r.out());
        } finally {
            Files.writeString(manifest, original);
        }
        assertEquals(0, verify().exit());
    }

    private static String jarName(String prefix) throws Exception {
        try (var s = Files.list(root.resolve("opt/xenwbem/lib"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix + "-")).findFirst().orElseThrow();
        }
    }
}
