package org.xenwbem.pack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jars of {@code lib/} lose their signatures and nothing else: Bouncy Castle's real signed jar
 * (the largest of those the daemon loads) keeps every class byte for byte and its main manifest
 * section (Multi-Release, OSGi headers), has no signature file or digest left, loads its classes
 * unsigned, and an unsigned jar is copied as it was.
 */
class UnsignedJarTest {
    @TempDir
    Path dir;

    @Test
    void bouncyCastlesJarLosesItsSignatureAndKeepsEveryClass() throws Exception {
        Path signed = jarOf(org.bouncycastle.jce.provider.BouncyCastleProvider.class);
        assertTrue(UnsignedJar.isSigned(signed), "bcprov is a signed jar: " + signed);
        Path copy = dir.resolve("bcprov.jar");
        assertTrue(UnsignedJar.copy(signed, copy));
        assertFalse(UnsignedJar.isSigned(copy));
        try (JarFile in = new JarFile(signed.toFile()); JarFile out = new JarFile(copy.toFile())) {
            List<String> kept = new ArrayList<>();
            for (JarEntry e : Collections.list(in.entries())) {
                if (UnsignedJar.isSignatureFile(e.getName())) {
                    assertNull(out.getEntry(e.getName()), e.getName() + " is left");
                } else if (!e.getName().equals(JarFile.MANIFEST_NAME)) {
                    assertArrayEquals(bytes(in, e), bytes(out, out.getJarEntry(e.getName())), e.getName());
                    kept.add(e.getName());
                }
            }
            assertTrue(kept.size() > 5000, "bcprov's entries: " + kept.size());
            assertEquals(in.getManifest().getMainAttributes(), out.getManifest().getMainAttributes());
            assertEquals("true", out.getManifest().getMainAttributes().getValue("Multi-Release"));
            assertTrue(out.getManifest().getEntries().isEmpty(), "sections left: " + out.getManifest().getEntries().size());
            JarEntry digest = out.getJarEntry("org/bouncycastle/jce/provider/BouncyCastleProvider.class");
            bytes(out, digest);
            assertNull(digest.getCodeSigners(), "a class read from the copy is unsigned");
        }
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {copy.toUri().toURL()}, null)) {
            Class<?> c = loader.loadClass("org.bouncycastle.jce.provider.BouncyCastleProvider");
            assertNull(c.getProtectionDomain().getCodeSource().getCodeSigners());
        }
    }

    @Test
    void anUnsignedJarIsCopiedAsItWas() throws Exception {
        Path plain = jarOf(UnsignedJarTest.class.getClassLoader().loadClass("org.slf4j.Logger"));
        assertFalse(UnsignedJar.isSigned(plain));
        Path copy = dir.resolve("slf4j.jar");
        assertFalse(UnsignedJar.copy(plain, copy));
        assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(copy));
    }

    @Test
    void onlyTheSignatureFilesOfMetaInfAreSignatureFiles() {
        for (String name : List.of("META-INF/BC1024KE.SF", "META-INF/BC1024KE.DSA", "META-INF/X.RSA", "meta-inf/x.ec",
                "META-INF/SIG-FOO")) {
            assertTrue(UnsignedJar.isSignatureFile(name), name);
        }
        for (String name : List.of("META-INF/MANIFEST.MF", "META-INF/versions/9/X.SF", "org/x/Y.RSA", "META-INF/services/SIG-x",
                "META-INF/INDEX.LIST")) {
            assertFalse(UnsignedJar.isSignatureFile(name), name);
        }
    }

    private static Path jarOf(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static byte[] bytes(ZipFile jar, ZipEntry e) throws IOException {
        try (InputStream in = jar.getInputStream(e)) {
            return in.readAllBytes();
        }
    }
}
