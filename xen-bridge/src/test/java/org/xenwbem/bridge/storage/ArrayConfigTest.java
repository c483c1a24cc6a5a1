package org.xenwbem.bridge.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwbem.bridge.storage.ArrayConfig.ArrayConfigException;

/** arrays.conf: the format, the root-only rule, redaction, and which SR gets which adapter. */
class ArrayConfigTest {
    static final String TEXT = "# arrays\n[rbd]\nenabled = true\n[reflink]\nformat = raw\n"
            + "[ontap filer1]\naddress = 192.0.2.10\nusername = admin\npassword = hunter2\nsvm = svm1\nvolume = v1\n"
            + "cert_sha256 = " + "0A:".repeat(31) + "0A\nnfs_server = 192.0.2.11\n";

    @TempDir
    Path dir;

    private Path write(String text, String perms) throws Exception {
        Path f = dir.resolve("arrays.conf");
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
        return f;
    }

    @Test
    void aRootOnlyFileIsRead() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "the test makes root-owned files");
        ArrayConfig c = ArrayConfig.load(write(TEXT, "rw-------"));
        assertEquals("raw", c.value("reflink", "format", "vhd"));
        assertEquals("hunter2", c.sections("ontap").get(0).require("password"));
        assertEquals("filer1", c.sections("ontap").get(0).name());
        assertTrue(c.enabled("rbd"));
    }

    @Test
    void aFileReadableByGroupOrOtherIsRefused() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")));
        for (String perms : new String[] {"rw-r-----", "rw----r--", "rw-----w-"}) {
            ArrayConfigException e = assertThrows(ArrayConfigException.class, () -> ArrayConfig.load(write(TEXT, perms)));
            assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
            assertFalse(e.getMessage().contains("hunter2"));
        }
    }

    @Test
    void aFileNotOwnedByRootIsRefused() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")));
        Path f = write(TEXT, "rw-------");
        UserPrincipal nobody = f.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(f, nobody);
        ArrayConfigException e = assertThrows(ArrayConfigException.class, () -> ArrayConfig.load(f));
        assertTrue(e.getMessage().contains("owned by root"), e.getMessage());
    }

    @Test
    void noFileMeansDefaults() throws Exception {
        ArrayConfig c = ArrayConfig.load(dir.resolve("absent.conf"));
        assertTrue(c.enabled("rbd") && c.enabled("reflink"));
        assertTrue(c.sections("ontap").isEmpty());
    }

    @Test
    void aMalformedLineNamesItsLine() {
        ArrayConfigException e = assertThrows(ArrayConfigException.class,
                () -> ArrayConfig.parse("[rbd]\nenabled\n", "arrays.conf"));
        assertEquals("arrays.conf line 2: expected [section] or key = value", e.getMessage());
    }

    @Test
    void passwordsAreRedacted() throws Exception {
        ArrayConfig c = ArrayConfig.parse(TEXT, "t");
        assertFalse(c.toString().contains("hunter2"), c.toString());
        assertTrue(c.toString().contains("password=(redacted)"), c.toString());
    }

    @Test
    void eachSrGetsItsAdapter() throws Exception {
        ArrayAdapters a = new ArrayAdapters(ArrayConfig.parse(TEXT, "t"), dir);
        Map<String, String> rbd = Map.of("conf", "/etc/ceph/ceph.conf", "pool", "rbd", "user", "admin", "keyring", "/k");
        assertEquals("rbd", a.forSr(new SrDisk.Sr("sr-1", "rbd", rbd)).orElseThrow().id());
        assertEquals("ontap", a.forSr(new SrDisk.Sr("sr-2", "nfs", Map.of("server", "192.0.2.11", "serverpath", "/v1")))
                .orElseThrow().id());
        Files.createDirectories(dir.resolve("sr-3"));
        assertEquals("reflink", a.forSr(new SrDisk.Sr("sr-3", "nfs", Map.of("server", "192.0.2.99"))).orElseThrow().id());
        assertTrue(a.forSr(new SrDisk.Sr("sr-4", "nfs", Map.of("server", "192.0.2.99"))).isEmpty(), "not mounted here");
        assertTrue(a.forSr(new SrDisk.Sr("sr-5", "lvmoiscsi", Map.of())).isEmpty());
        ArrayAdapters off = new ArrayAdapters(ArrayConfig.parse("[rbd]\nenabled = false\n", "t"), dir);
        assertTrue(off.forSr(new SrDisk.Sr("sr-1", "rbd", rbd)).isEmpty());
    }
}
