package org.xenwbem.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The bundled Java runtime, made by jlink with only the modules xenwbem uses.
 *
 * <p>The module set is {@code jdeps --print-module-deps} over the application's jars, with two
 * corrections, both checked on every build:
 * <ul>
 *   <li>removed: modules that jdeps finds only in classes xenwbem never runs — Jetty's opt-in
 *       leak preventers (AWT, ImageIO, JDBC DriverManager), JNA's AWT helpers and Bouncy Castle's LDAP store helper
 *       ({@link #NEVER_RUN}); the build fails if any other class starts to need them;</li>
 *   <li>added: {@code jdk.crypto.ec}, the JCA provider of elliptic curves that TLS loads as a
 *       service (ECDHE key exchange, EC certificates) and that no class names statically.</li>
 * </ul>
 * jlink also writes the default class-data archive (start-up time); the archive for heaps over
 * 32 GB is dropped, since the heap here is a few hundred MB at most.
 */
final class RuntimeImage {
    /** Module → the classes that may reference it although xenwbem never runs them. */
    static final Map<String, List<String>> NEVER_RUN = Map.of(
            // JNA's AWT helpers (window and component pointers); librbd is reached through JNA only for
            // its C functions, and a JNA that cannot load falls back to the rbd command (Librbd.open)
            "java.desktop", List.of("org.eclipse.jetty.util.preventers.", "com.sun.jna."),
            "java.sql", List.of("org.eclipse.jetty.util.preventers.", "org.bouncycastle.x509.util.LDAPStoreHelper"));
    static final List<String> SERVICE_MODULES = List.of("jdk.crypto.ec");
    private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+\\S+\\s+(\\S+)\\s*$");
    private static final Pattern SUMMARY = Pattern.compile("^(\\S+\\.jar) -> ((?:java|jdk)\\.[\\w.]+)\\s*$");
    private static final Pattern GLIBC = Pattern.compile("GLIBC_(\\d+)\\.(\\d+)");
    /** A jar entry that is a native library for dom0's platform, e.g. META-INF/native/libconscrypt_openjdk_jni-linux-x86_64.so. */
    static final Pattern LINUX_X86_64_LIB = Pattern.compile("(?i).*linux[-_]?(x86[-_]64|amd64).*\\.so$");

    private final Tools tools = new Tools(Map.of());

    /**
     * The modules to link, from the application's jars: {@code jdeps -verbose:class} gives both the
     * modules each jar needs (its summary lines) and the classes behind each need. Each jar's answer
     * is kept in {@code work/jdeps-cache/<digest of the jar>}, so only changed jars are analysed.
     */
    List<String> modules(List<Path> jars, Path work) throws PackException, IOException {
        Path cache = Files.createDirectories(work.resolve("jdeps-cache"));
        Path plain = work.resolve("jdeps-input");
        PayloadTree.deleteTree(plain);
        Files.createDirectories(plain);
        TreeSet<String> mods = new TreeSet<>();
        List<String> classPath = new ArrayList<>();
        Map<String, Path> toAnalyse = new java.util.LinkedHashMap<>();
        for (Path jar : jars) {
            Path copy = plain.resolve(jar.getFileName());
            withoutModuleInfo(jar, copy);
            classPath.add(copy.toString());
            Path cached = cache.resolve(digest(List.of(jar)));
            if (Files.isRegularFile(cached)) {
                mods.addAll(Files.readAllLines(cached));
            } else {
                toAnalyse.put(copy.getFileName().toString(), cached);
            }
        }
        if (!toAnalyse.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of("jdeps", "--ignore-missing-deps", "--multi-release", "17",
                    "--class-path", String.join(":", classPath), "-verbose:class"));
            toAnalyse.keySet().forEach(name -> cmd.add(plain.resolve(name).toString()));
            String verbose = tools.run(cmd, work, 300);
            checkNeverRun(verbose);
            Map<String, TreeSet<String>> perJar = new java.util.HashMap<>();
            toAnalyse.keySet().forEach(name -> perJar.put(name, new TreeSet<>()));
            for (String line : verbose.split("\n")) {
                Matcher m = SUMMARY.matcher(line);
                if (m.matches() && perJar.containsKey(m.group(1))) {
                    perJar.get(m.group(1)).add(m.group(2));
                }
            }
            for (var e : perJar.entrySet()) {
                Files.write(toAnalyse.get(e.getKey()), e.getValue());
                mods.addAll(e.getValue());
            }
        }
        mods.removeAll(NEVER_RUN.keySet());
        mods.addAll(SERVICE_MODULES);
        return List.copyOf(mods);
    }

    /** Fails when a class outside {@link #NEVER_RUN} needs one of the modules left out. */
    static void checkNeverRun(String jdepsVerbose) throws PackException {
        for (String line : jdepsVerbose.split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (!m.matches() || !NEVER_RUN.containsKey(m.group(2))) {
                continue;
            }
            String from = m.group(1);
            if (NEVER_RUN.get(m.group(2)).stream().noneMatch(from::startsWith)) {
                throw new PackException(from + " needs " + m.group(2) + ", which the bundled runtime leaves out; "
                        + "add the module (RuntimeImage.NEVER_RUN) or avoid the dependency");
            }
        }
    }

    /**
     * jlink into {@code out} (replaced). The image is kept in {@code work/runtime-<digest>} for the
     * same modules and jmods, and copied from there when they have not changed.
     */
    void link(Path jmods, List<String> modules, Path out, Path work) throws PackException, IOException {
        if (isLinkableJdk(jmods)) {
            linkFromJdk(jmods, modules, out, work);
            return;
        }
        Path base = jmods.resolve("java.base.jmod");
        if (!Files.isRegularFile(base)) {
            throw new PackException("no JDK modules in " + jmods + ": install openjdk-17-jdk-headless, or set "
                    + "-Dxenwbem.jmods to the jmods directory of a JDK 17");
        }
        String key = digest(modules.toString() + jmods.toRealPath() + Files.size(base) + Files.getLastModifiedTime(base));
        linkCached(List.of("jlink", "--module-path", jmods.toString()), key, modules, out, work);
    }

    /** A JDK home (not a jmods directory) whose jlink links from its own run-time image (JEP 493). */
    static boolean isLinkableJdk(Path dir) {
        return Files.isRegularFile(dir.resolve("bin/jlink")) && Files.isRegularFile(dir.resolve("lib/modules"))
                && !Files.isDirectory(dir.resolve("jmods"));
    }

    /**
     * Links with that JDK's own jlink and no module path. This is how the pack gets a runtime that
     * dom0's glibc 2.17 can run: portable builds such as Eclipse Temurin are linked against it.
     */
    private void linkFromJdk(Path jdk, List<String> modules, Path out, Path work) throws PackException, IOException {
        String key = digest(modules.toString() + jdk.toRealPath() + Files.getLastModifiedTime(jdk.resolve("lib/modules")));
        linkCached(List.of(jdk.resolve("bin/jlink").toString()), key, modules, out, work);
    }

    /**
     * Runs {@code jlink} (the command and its module source) into {@code work/runtime-<key>} unless that
     * image is already there, then replaces {@code out} with a copy of it.
     */
    private void linkCached(List<String> jlink, String key, List<String> modules, Path out, Path work)
            throws PackException, IOException {
        Path cached = work.resolve("runtime-" + key);
        if (!Files.isDirectory(cached)) {
            Path tmp = work.resolve("runtime-tmp");
            PayloadTree.deleteTree(tmp);
            List<String> command = new ArrayList<>(jlink);
            command.addAll(List.of("--add-modules", String.join(",", modules), "--strip-debug", "--no-header-files",
                    "--no-man-pages", "--generate-cds-archive", "--output", tmp.toString()));
            tools.run(command, work, 600);
            Files.deleteIfExists(tmp.resolve("lib/server/classes_nocoops.jsa"));
            replaceLinksWithCopies(tmp);
            Files.move(tmp, cached);
        }
        PayloadTree.deleteTree(out);
        PayloadTree.copyTree(cached, out);
    }

    private static String digest(List<Path> jars) throws IOException {
        StringBuilder b = new StringBuilder(NEVER_RUN.toString()).append(SERVICE_MODULES);
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (Path j : jars) {
                sha.update(j.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(j));
            }
            return digest(b.append(java.util.HexFormat.of().formatHex(sha.digest())).toString());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java runtime has no SHA-256", e);
        }
    }

    private static String digest(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java runtime has no SHA-256", e);
        }
    }

    /** jlink links the modules' shared legal notices; copies keep the tree to plain files, as the manifest lists them. */
    private static void replaceLinksWithCopies(Path tree) throws IOException {
        try (Stream<Path> s = Files.walk(tree)) {
            for (Path link : s.filter(Files::isSymbolicLink).toList()) {
                Path target = link.toRealPath();
                Files.delete(link);
                Files.copy(target, link);
            }
        }
    }

    /** The newest glibc symbol version the runtime's native code needs, e.g. "2.34". */
    static String glibcFloor(Path runtime) throws IOException {
        return glibcFloor(runtime, List.of());
    }

    /**
     * The newest glibc symbol version needed by the runtime's native code and by the Linux x86-64
     * libraries bundled in the payload's jars (Conscrypt's BoringSSL, JNA's dispatcher), which the JVM
     * loads from those jars at run time: the RPM's glibc requirement covers both.
     */
    static String glibcFloor(Path runtime, List<Path> jars) throws IOException {
        int[] floor = {2, 2};
        try (Stream<Path> files = Files.walk(runtime)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".so") || p.endsWith("bin/java")).toList()) {
                raise(floor, Files.readAllBytes(f));
            }
        }
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                    if (LINUX_X86_64_LIB.matcher(e.getName()).matches()) {
                        try (InputStream in = zip.getInputStream(e)) {
                            raise(floor, in.readAllBytes());
                        }
                    }
                }
            }
        }
        return floor[0] + "." + floor[1];
    }

    private static void raise(int[] floor, byte[] elf) {
        Matcher m = GLIBC.matcher(new String(elf, StandardCharsets.ISO_8859_1));
        while (m.find()) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(2));
            if (a > floor[0] || (a == floor[0] && b > floor[1])) {
                floor[0] = a;
                floor[1] = b;
            }
        }
    }

    /** Copies a jar without its module descriptors, so that jdeps reads it as plain classes. */
    private static void withoutModuleInfo(Path jar, Path copy) throws IOException {
        try (ZipFile in = new ZipFile(jar.toFile()); OutputStream os = Files.newOutputStream(copy);
             ZipOutputStream out = new ZipOutputStream(os)) {
            var entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.getName().endsWith("module-info.class")) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                try (InputStream is = in.getInputStream(e)) {
                    is.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}
