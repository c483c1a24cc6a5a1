package org.xenwbem.pack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies a jar for {@code lib/} without its jar signature (JAR File Specification, "Signed JAR File":
 * the {@code META-INF/*.SF} signature files, their {@code .RSA}/{@code .DSA}/{@code .EC} blocks and
 * {@code SIG-*} files, and the per-entry digests of the manifest), every other entry byte for byte.
 * <p>
 * Why: the JVM verifies a signed jar on the class path as it loads from it, and keeps, for the life of
 * the class loader, the manifest's section and a code-signer table entry for each of the jar's entries.
 * Bouncy Castle's and Conscrypt's signed jars (7,656 entries) cost the daemon 5.4 MB of its 22 MB live
 * heap and 330 classes of verification machinery (issue #15, measured with {@code jcmd GC.class_histogram}
 * on a 1,000-VM pool), and each class loaded from them a digest. Nothing needs the signatures: the JDK
 * asks no signed provider of OpenJDK, and what is installed is covered by the signed RPM and the signed
 * {@code MANIFEST.xml}. A jar without a signature file is copied unchanged.
 */
public final class UnsignedJar {
    private UnsignedJar() {
    }

    /** Writes {@code jar} to {@code target} without its signature; true if it had one. */
    public static boolean copy(Path jar, Path target) throws IOException {
        if (!isSigned(jar)) {
            Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING);
            return false;
        }
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            write(jar, tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return true;
    }

    private static void write(Path jar, Path tmp) throws IOException {
        try (ZipFile in = new ZipFile(jar.toFile()); OutputStream out = Files.newOutputStream(tmp);
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Iterator<? extends ZipEntry> it = in.entries().asIterator(); it.hasNext(); ) {
                ZipEntry e = it.next();
                if (isSignatureFile(e.getName())) {
                    continue;
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                zip.putNextEntry(copy);
                try (InputStream data = in.getInputStream(e)) {
                    if (e.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                        zip.write(withoutDigests(data));
                    } else {
                        data.transferTo(zip);
                    }
                }
                zip.closeEntry();
            }
        }
    }

    /** True if {@code jar} holds a signature file ({@code META-INF/*.SF}). */
    public static boolean isSigned(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().anyMatch(e -> isSignatureFile(e.getName())
                    && e.getName().toUpperCase(Locale.ROOT).endsWith(".SF"));
        }
    }

    /** The files of a jar's signature: directly in META-INF, named *.SF, *.RSA, *.DSA, *.EC or SIG-*. */
    static boolean isSignatureFile(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (!n.startsWith("META-INF/") || n.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        String file = n.substring("META-INF/".length());
        return file.endsWith(".SF") || file.endsWith(".RSA") || file.endsWith(".DSA") || file.endsWith(".EC")
                || file.startsWith("SIG-");
    }

    /** The manifest with its main section as it was, and each entry's section without its digests (empty ones dropped). */
    static byte[] withoutDigests(InputStream manifest) throws IOException {
        Manifest m = new Manifest(manifest);
        // Manifest.write leaves the main section out altogether without a version
        m.getMainAttributes().putIfAbsent(Attributes.Name.MANIFEST_VERSION, "1.0");
        for (Iterator<Map.Entry<String, Attributes>> it = m.getEntries().entrySet().iterator(); it.hasNext(); ) {
            Attributes section = it.next().getValue();
            section.keySet().removeIf(k -> k.toString().toUpperCase(Locale.ROOT).endsWith("-DIGEST"));
            if (section.isEmpty()) {
                it.remove();
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.write(out);
        return out.toByteArray();
    }
}
