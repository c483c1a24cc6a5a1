package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STYLE.md: every package of every module has a {@code package-info.java} whose javadoc names the
 * section it implements (a DMTF DSP, a Microsoft MS-* document, XenAPI, an RFC, the anchor's section)
 * or says it is internal plumbing and of what. Read from the sources of every {@code src/main/java}
 * below the repository root, so a package added anywhere is held to it.
 */
class PackageDocsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** What counts as naming a section. */
    static final Pattern NAMES_A_SECTION = Pattern.compile(
            "DSP\\d{4}|MS-[A-Z]{2,}|XenAPI|xenapi\\.md|anchor §|RFC \\d{3,}|internal plumbing",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern JAVADOC = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);

    @Test
    void everyMainPackageHasAPackageInfoThatNamesWhatItImplements() throws IOException {
        List<Path> sourceRoots = sourceRoots(ROOT);
        assertTrue(sourceRoots.size() >= 6, "expected the modules' src/main/java trees below " + ROOT + ", found "
                + sourceRoots);
        List<String> problems = new ArrayList<>();
        for (Path r : sourceRoots) {
            problems.addAll(problems(r));
        }
        assertEquals(List.of(), problems, "packages whose package-info.java is missing or names no DMTF, "
                + "Microsoft, XenAPI, RFC or anchor section (nor says it is internal plumbing)");
    }

    @Test
    void aMissingPackageInfoAndOneThatNamesNothingAreBothCaught(@TempDir Path dir) throws IOException {
        Path ok = Files.createDirectories(dir.resolve("a/ok"));
        Files.writeString(ok.resolve("A.java"), "package a.ok;\nclass A {}\n");
        Files.writeString(ok.resolve("package-info.java"), "/** WS-Eventing (DSP0226 §10). */\npackage a.ok;\n");
        Path missing = Files.createDirectories(dir.resolve("a/missing"));
        Files.writeString(missing.resolve("B.java"), "package a.missing;\nclass B {}\n");
        Path vague = Files.createDirectories(dir.resolve("a/vague"));
        Files.writeString(vague.resolve("C.java"), "package a.vague;\nclass C {}\n");
        Files.writeString(vague.resolve("package-info.java"), "/** Helpers. */\npackage a.vague;\n");
        Files.createDirectories(dir.resolve("a/empty"));

        List<String> found = problems(dir);

        assertEquals(2, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("a/missing: no package-info.java"), found.toString());
        assertTrue(found.get(1).startsWith("a/vague: its javadoc names no section"), found.toString());
    }

    /** Every {@code src/main/java} below {@code root}, build output and the tests module left out. */
    static List<Path> sourceRoots(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.endsWith(Path.of("src", "main", "java")) && Files.isDirectory(p))
                    .filter(p -> !root.relativize(p).toString().contains("target"))
                    .filter(p -> !root.relativize(p).startsWith("tests"))
                    .sorted().toList();
        }
    }

    /** The packages below one source root that lack a package-info.java or whose javadoc names nothing. */
    static List<String> problems(Path sourceRoot) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(sourceRoot)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                if (!hasJavaClasses(d)) {
                    continue;
                }
                String pkg = sourceRoot.relativize(d).toString().replace('\\', '/');
                Path info = d.resolve("package-info.java");
                if (!Files.isRegularFile(info)) {
                    out.add(pkg + ": no package-info.java");
                    continue;
                }
                Matcher m = JAVADOC.matcher(Files.readString(info));
                if (!m.find() || !NAMES_A_SECTION.matcher(m.group(1)).find()) {
                    out.add(pkg + ": its javadoc names no section (" + NAMES_A_SECTION.pattern() + ")");
                }
            }
        }
        return out;
    }

    private static boolean hasJavaClasses(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
