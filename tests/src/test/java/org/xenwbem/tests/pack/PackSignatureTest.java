package org.xenwbem.tests.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both detached signatures verify with the exported key as xapi checks them (gpg GOODSIG and
 * TRUST_ULTIMATE, in a home prepared like import-update-key), every RPM passes {@code rpm -K}, and
 * a flipped byte in any signed file fails the check that guards it.
 */
class PackSignatureTest {
    private static PackFixture pack;
    private static Path home;
    private static Path rpmdb;

    @BeforeAll
    static void keyring() throws Exception {
        pack = PackFixture.get();
        home = PackFixture.scratch("gnupg-xapi");
        home.toFile().setReadable(false, false);
        home.toFile().setReadable(true, true);
        home.toFile().setExecutable(false, false);
        home.toFile().setExecutable(true, true);
        gpg("--import", pack.publicKey().toString());
        Files.writeString(home.resolve("trust.txt"), pack.prop("key.fingerprint") + ":6:\n");
        gpg("--import-ownertrust", home.resolve("trust.txt").toString());
        rpmdb = PackFixture.scratch("rpmdb");
        Cmd.ok(PackFixture.WORK, "rpm", "--dbpath", rpmdb.toString(), "--import", pack.publicKey().toString());
    }

    @AfterAll
    static void stopAgent() throws Exception {
        if (home != null) {
            Cmd.run(PackFixture.WORK, "gpgconf", "--homedir", home.toString(), "--kill", "all");
        }
    }

    private static Cmd.Result gpg(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--no-tty"));
        cmd.addAll(List.of(args));
        return Cmd.run(cmd, PackFixture.WORK, Map.of(), false, Duration.ofMinutes(1));
    }

    /** What xapi's gpg.ml requires: both GOODSIG and TRUST_ULTIMATE on the status fd. */
    private static boolean xapiAccepts(Path signature, Path file) throws Exception {
        Cmd.Result r = gpg("--status-fd", "1", "--verify", signature.toString(), file.toString());
        return r.out().contains("[GNUPG:] GOODSIG ") && r.out().contains("[GNUPG:] TRUST_ULTIMATE");
    }

    @Test
    void updateXmlAndRepomdCarryGoodUltimatelyTrustedSignatures() throws Exception {
        assertTrue(xapiAccepts(pack.tree.resolve("update.xml.asc"), pack.tree.resolve("update.xml")));
        assertTrue(xapiAccepts(pack.tree.resolve("repodata/repomd.xml.asc"), pack.tree.resolve("repodata/repomd.xml")));
        String fpr = gpg("--with-colons", "--fingerprint").out();
        assertTrue(fpr.contains(":" + pack.prop("key.fingerprint") + ":"), "the exported key is the signing key");
    }

    @Test
    void aTamperedUpdateXmlOrRepomdFailsItsSignature() throws Exception {
        Path bad = PackFixture.scratch("tampered-sig");
        Path u = PackFixture.tampered(pack.tree.resolve("update.xml"), bad.resolve("update.xml"), 20);
        assertFalse(xapiAccepts(pack.tree.resolve("update.xml.asc"), u));
        Path r = PackFixture.tampered(pack.tree.resolve("repodata/repomd.xml"), bad.resolve("repomd.xml"), 40);
        assertFalse(xapiAccepts(pack.tree.resolve("repodata/repomd.xml.asc"), r));
    }

    @Test
    void withoutUltimateTrustXapiWouldRefuse() throws Exception {
        Path plain = PackFixture.scratch("gnupg-untrusted");
        Cmd.ok(PackFixture.WORK, "gpg", "--homedir", plain.toString(), "--batch", "--import", pack.publicKey().toString());
        Cmd.Result r = Cmd.run(PackFixture.WORK, "gpg", "--homedir", plain.toString(), "--batch", "--status-fd", "1",
                "--verify", pack.tree.resolve("update.xml.asc").toString(), pack.tree.resolve("update.xml").toString());
        assertTrue(r.out().contains("GOODSIG"), r.toString());
        assertFalse(r.out().contains("TRUST_ULTIMATE"), r.toString());
        Cmd.run(PackFixture.WORK, "gpgconf", "--homedir", plain.toString(), "--kill", "all");
    }

    @Test
    void everyRpmPassesRpmK() throws Exception {
        for (String name : List.of("xenwbem", "control-xenwbem", "update-xenwbem")) {
            String out = Cmd.ok(PackFixture.WORK, "rpm", "--dbpath", rpmdb.toString(), "-Kv", pack.rpm(name).toString());
            assertTrue(out.contains("Header V4 RSA/SHA256 Signature, key ID") && out.contains(": OK"), name + ": " + out);
            assertTrue(out.contains("V4 RSA/SHA256 Signature") || out.contains("V3 RSA/SHA256 Signature"), name + ": " + out);
            assertFalse(out.contains("NOKEY") || out.contains("BAD") || out.contains("NOTFOUND"), name + ": " + out);
        }
    }

    @Test
    void aTamperedRpmFailsRpmK() throws Exception {
        Path bad = PackFixture.tampered(pack.rpm("xenwbem"), PackFixture.scratch("tampered-rpm").resolve("x.rpm"), 4096);
        Cmd.Result r = Cmd.run(PackFixture.WORK, "rpm", "--dbpath", rpmdb.toString(), "-K", bad.toString());
        assertFalse(r.ok(), "rpm -K accepted a tampered RPM: " + r);
    }

    @Test
    void theShippedKeyIsTheExportedKey() throws Exception {
        assertEquals(Files.readString(pack.publicKey()), Files.readString(pack.tree.resolve(pack.prop("key.name"))));
    }
}
