package org.xenwbem.pack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.xenwbem.provider.doctor.InstallManifest;
import org.xenwbem.provider.doctor.OpenPgpFingerprint;

/**
 * The payload RPM's file tree, laid out as installed ({@code stage/opt/xenwbem/...}): the
 * launcher, scripts, unit, configuration and logrotate from {@code src/pack/payload}, the jars in
 * {@code lib/} (without jar signatures: {@link UnsignedJar}), the jlinked runtime in {@code runtime/}, {@code VERSION}, and the signed
 * {@code MANIFEST.xml} over every installed file except the configuration files.
 */
final class PayloadTree {
    static final String HOME = "/opt/xenwbem";
    /** Admins edit these ({@code %config(noreplace)}), so the manifest leaves them out. */
    static final Set<String> CONFIG_FILES = Set.of("/etc/xenwbem/xenwbem.conf", "/etc/logrotate.d/xenwbem");
    private static final Set<PosixFilePermission> EXEC = PosixFilePermissions.fromString("rwxr-xr-x");

    private final Path stage;

    PayloadTree(Path stage) {
        this.stage = stage;
    }

    Path stage() {
        return stage;
    }

    Path home() {
        return stage.resolve(HOME.substring(1));
    }

    /** Lays out everything but the runtime and the manifest. */
    void layOut(Path payloadSources, List<Path> jars, String fullVersion) throws IOException {
        deleteTree(stage);
        copyTree(payloadSources, stage);
        Path lib = Files.createDirectories(home().resolve("lib"));
        for (Path jar : jars) {
            UnsignedJar.copy(jar, lib.resolve(jar.getFileName()));
        }
        Files.writeString(home().resolve("VERSION"), fullVersion + "\n", StandardCharsets.UTF_8);
        for (String dir : List.of("var/lib/xenwbem", "var/log/xenwbem", "var/cache/xenwbem")) {
            Files.createDirectories(stage.resolve(dir));
        }
        for (String exe : List.of("opt/xenwbem/bin/xenwbem", "opt/xenwbem/libexec/xenwbem-setup",
                "opt/xenwbem/libexec/xenwbem-firewall", "usr/bin/xenwbem")) {
            Files.setPosixFilePermissions(stage.resolve(exe), EXEC);
        }
    }

    /** Writes {@code MANIFEST.xml}, signed with {@code keys} (whose OpenPGP identity is given). */
    int writeManifest(String fullVersion, KeyPair keys, String fingerprint, long keyCreated) throws IOException, PackException {
        String computed = OpenPgpFingerprint.of(keys.getPublic(), keyCreated);
        if (!computed.equals(fingerprint)) {
            throw new PackException("the manifest key's fingerprint " + computed + " is not the signing key's " + fingerprint);
        }
        List<InstallManifest.Entry> entries = new ArrayList<>();
        for (Path f : files()) {
            String installPath = "/" + stage.relativize(f).toString();
            if (!CONFIG_FILES.contains(installPath)) {
                entries.add(InstallManifest.entry(installPath, f));
            }
        }
        byte[] xml = InstallManifest.sign(new InstallManifest.Header("xenwbem", fullVersion, HOME, keyCreated), entries,
                keys, fingerprint);
        Files.write(home().resolve(InstallManifest.FILE_NAME), xml);
        return entries.size();
    }

    /** Regular files of the tree, sorted; symbolic links are not followed. */
    List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(stage)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
    }

    /** Bytes the tree occupies once installed (file sizes; what update.xml calls installation-size). */
    long installedBytes() throws IOException {
        long total = 0;
        for (Path f : files()) {
            total += Files.size(f);
        }
        return total;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                file.toFile().setWritable(true);
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
