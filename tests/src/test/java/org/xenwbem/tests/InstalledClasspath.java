package org.xenwbem.tests;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.xenwbem.pack.UnsignedJar;

/**
 * The test classpath as the installed tree has its jars: each directory (a reactor build's
 * {@code target/classes}) packed into a jar, since a class-data archive (CDS) takes jars only, and each
 * signed jar without its signature, as the pack copies it into {@code lib/} ({@link UnsignedJar}).
 */
public final class InstalledClasspath {
    private InstalledClasspath() {
    }

    /** {@code classpath} with each directory and each signed jar replaced by a jar written under {@code into}. */
    public static String of(String classpath, Path into) throws IOException {
        Files.createDirectories(into);
        List<String> out = new ArrayList<>();
        int n = 0;
        for (String entry : classpath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                Path jar = into.resolve("classes-" + (n++) + ".jar");
                pack(p, jar);
                out.add(jar.toString());
            } else if (Files.isRegularFile(p) && UnsignedJar.isSigned(p)) {
                Path jar = into.resolve("unsigned-" + (n++) + "-" + p.getFileName());
                UnsignedJar.copy(p, jar);
                out.add(jar.toString());
            } else if (Files.isRegularFile(p)) {
                out.add(entry);
            }
        }
        return String.join(File.pathSeparator, out);
    }

    private static void pack(Path dir, Path jar) throws IOException {
        try (OutputStream f = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(f);
             Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                j.putNextEntry(new JarEntry(dir.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, j);
                j.closeEntry();
            }
        }
    }
}
