package org.xenwbem.tests.pack;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The ISO the supplemental-pack module built (its {@code target/pack.properties}), extracted once
 * per test run with xorriso into {@code target/pack-tests/iso}. Without a built pack the tests
 * are skipped, or fail when {@code XENWBEM_REQUIRE_CLIENTS=1} ({@code ./xenwbem test}, CI).
 */
final class PackFixture {
    static final Path WORK = Path.of("target", "pack-tests").toAbsolutePath();
    private static final Path PACK_TARGET = Path.of("..", "supplemental-pack", "target").toAbsolutePath().normalize();
    private static PackFixture instance;

    final Properties props = new Properties();
    private Path payloadRoot;
    final Path iso;
    final Path tree;

    private PackFixture() throws IOException, InterruptedException {
        try (Reader r = Files.newBufferedReader(PACK_TARGET.resolve("pack.properties"))) {
            props.load(r);
        }
        iso = Path.of(props.getProperty("iso"));
        Files.createDirectories(WORK);
        tree = WORK.resolve("iso");
        deleteTree(tree);
        Cmd.ok(WORK, "xorriso", "-osirrox", "on", "-indev", iso.toString(), "-extract", "/", tree.toString());
        try (Stream<Path> s = Files.walk(tree)) {
            for (Path p : s.toList()) {
                p.toFile().setWritable(true, true);
            }
        }
    }

    static synchronized PackFixture get() throws IOException, InterruptedException {
        if (instance == null) {
            boolean built = Files.isRegularFile(PACK_TARGET.resolve("pack.properties"));
            if (!built) {
                if ("1".equals(System.getenv("XENWBEM_REQUIRE_CLIENTS"))) {
                    fail("no pack was built (" + PACK_TARGET.resolve("pack.properties") + " is missing): "
                            + "build module supplemental-pack first");
                }
                assumeTrue(false, "no pack was built; run mvn install (or ./xenwbem test)");
            }
            for (String tool : new String[] {"xorriso", "gpg", "rpm", "rpmbuild", "createrepo_c", "dnf"}) {
                requireTool(tool);
            }
            instance = new PackFixture();
        }
        return instance;
    }

    static void requireTool(String tool) {
        if (!Files.isExecutable(Path.of("/usr/bin", tool))) {
            if ("1".equals(System.getenv("XENWBEM_REQUIRE_CLIENTS"))) {
                fail(tool + " is not installed, and XENWBEM_REQUIRE_CLIENTS=1 says the real tools must run");
            }
            assumeTrue(false, tool + " is not installed (tests/bin/install-test-deps.sh installs it)");
        }
    }

    String prop(String key) {
        String v = props.getProperty(key);
        if (v == null) {
            fail("pack.properties has no " + key);
        }
        return v;
    }

    String uuid() {
        return prop("uuid");
    }

    Path rpm(String name) {
        return tree.resolve(prop("rpm." + name));
    }

    Path publicKey() {
        return Path.of(prop("key.file"));
    }

    /**
     * The payload RPM installed with plain rpm into a scratch root (no scriptlets, no dependency
     * resolution): the tree the scriptlet and launcher tests run from. Shared; do not modify.
     */
    synchronized Path payloadRoot() throws IOException, InterruptedException {
        if (payloadRoot == null) {
            payloadRoot = installPayload("payload-root");
        }
        return payloadRoot;
    }

    /** The payload RPM installed with plain rpm into a fresh scratch root of its own. */
    Path installPayload(String name) throws IOException, InterruptedException {
        Path root = scratch(name);
        Cmd.ok(WORK, "rpm", "--root", root.toString(), "--dbpath", root.resolve("rpmdb").toString(), "-i", "--nodeps",
                "--noscripts", "--nosignature", rpm("xenwbem").toString());
        return root;
    }

    /** A fresh scratch directory under target/pack-tests. */
    static Path scratch(String name) throws IOException {
        Path d = WORK.resolve(name);
        deleteTree(d);
        return Files.createDirectories(d);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
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

    /** A copy of {@code src} with one byte flipped at {@code offsetFromEnd} bytes before the end. */
    static Path tampered(Path src, Path dest, int offsetFromEnd) throws IOException {
        byte[] b = Files.readAllBytes(src);
        b[b.length - offsetFromEnd] ^= 0x20;
        Files.createDirectories(dest.getParent());
        Files.write(dest, b);
        return dest;
    }
}
