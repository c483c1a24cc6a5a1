package org.xenwbem.pack;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leaving java.desktop and java.sql out is allowed only for the classes known never to run; the glibc
 * the RPM requires covers the native libraries bundled in jars (Conscrypt) as well as the runtime.
 */
class RuntimeImageTest {
    @TempDir
    Path dir;

    @Test
    void conscryptsBundledLibraryNeedsNoNewerGlibcThanDom0s() throws Exception {
        Path jar = Path.of(org.conscrypt.Conscrypt.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String floor = RuntimeImage.glibcFloor(Files.createDirectories(dir.resolve("runtime")), List.of(jar));
        assertTrue(Integer.parseInt(floor.substring(2)) <= 17, "Conscrypt needs glibc " + floor + "; dom0 has 2.17");
        assertEquals("2.16", floor, "what objdump -T shows for libconscrypt_openjdk_jni-linux-x86_64.so 2.5.2");
    }

    @Test
    void aLinuxLibraryInAJarRaisesTheFloorAndOtherPlatformsDoNot() throws Exception {
        Path runtime = Files.createDirectories(dir.resolve("runtime"));
        Files.write(runtime.resolve("libjvm.so"), "x GLIBC_2.14 y".getBytes(StandardCharsets.ISO_8859_1));
        Path jar = jar(dir.resolve("native.jar"), "com/example/linux-x86-64/libx.so", "GLIBC_2.34",
                "com/example/darwin-aarch64/libx.dylib", "GLIBC_2.99", "com/example/win32-x86-64/x.dll", "GLIBC_2.98");
        assertEquals("2.14", RuntimeImage.glibcFloor(runtime));
        assertEquals("2.34", RuntimeImage.glibcFloor(runtime, List.of(jar)));
    }

    private static Path jar(Path file, String... nameAndContent) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < nameAndContent.length; i += 2) {
                out.putNextEntry(new ZipEntry(nameAndContent[i]));
                out.write(nameAndContent[i + 1].getBytes(StandardCharsets.ISO_8859_1));
                out.closeEntry();
            }
        }
        return file;
    }

    @Test
    void theKnownNeverRunClassesMayNeedTheLeftOutModules() {
        String out = """
                jetty-util-12.1.4.jar -> java.desktop
                   org.eclipse.jetty.util.preventers.AWTLeakPreventer -> java.awt.Toolkit                 java.desktop
                   org.eclipse.jetty.util.preventers.DriverManagerLeakPreventer -> java.sql.DriverManager  java.sql
                   org.bouncycastle.x509.util.LDAPStoreHelper         -> java.sql.Date                    java.sql
                   org.xenwbem.provider.server.Main                    -> java.lang.String                java.base
                """;
        assertDoesNotThrow(() -> RuntimeImage.checkNeverRun(out));
    }

    @Test
    void anyOtherClassNeedingThemFailsTheBuild() {
        String out = "   org.example.Charts -> java.awt.Color      java.desktop\n";
        PackException e = assertThrows(PackException.class, () -> RuntimeImage.checkNeverRun(out));
        assertTrue(e.getMessage().contains("org.example.Charts needs java.desktop"), e.getMessage());
    }
}
