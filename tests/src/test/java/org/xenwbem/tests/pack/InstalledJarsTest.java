package org.xenwbem.tests.pack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.xenwbem.pack.UnsignedJar;

/**
 * The jars the payload RPM installs in {@code /opt/xenwbem/lib} carry no jar signature (the JVM would
 * keep a verification table of every entry of Bouncy Castle's and Conscrypt's signed jars in the
 * daemon's heap: issue #15), and are whole: Bouncy Castle's provider and Conscrypt's JSSE provider
 * with its native library for dom0 are there.
 */
class InstalledJarsTest {
    @Test
    void libHoldsNoSignedJarAndTheSignedOnesAreWhole() throws Exception {
        Path lib = PackFixture.get().payloadRoot().resolve("opt/xenwbem/lib");
        List<Path> jars;
        try (Stream<Path> s = Files.list(lib)) {
            jars = s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        assertTrue(jars.size() > 10, "jars in lib: " + jars);
        for (Path jar : jars) {
            assertFalse(UnsignedJar.isSigned(jar), jar + " is still signed");
        }
        assertNotNull(entry(jars, "bcprov", "org/bouncycastle/jce/provider/BouncyCastleProvider.class"));
        assertNotNull(entry(jars, "conscrypt", "org/conscrypt/OpenSSLProvider.class"));
        assertNotNull(entry(jars, "conscrypt", "META-INF/native/libconscrypt_openjdk_jni-linux-x86_64.so"));
    }

    private static Object entry(List<Path> jars, String name, String entry) throws Exception {
        Path jar = jars.stream().filter(p -> p.getFileName().toString().startsWith(name)).findFirst().orElseThrow();
        try (JarFile j = new JarFile(jar.toFile())) {
            return j.getEntry(entry);
        }
    }
}
