package org.xenwbem.tests.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The legacy metadata (reference §2): XS-REPOSITORY and XS-PACKAGES as supp-pack-build wrote them
 * and the legacy installer and {@code install} checked them, and the ISO's {@code install.sh}
 * run against a scratch root with a recording {@code rpm}.
 */
class LegacyMetadataTest {
    private static final Pattern IDENT = Pattern.compile("[A-Za-z0-9\\-_.]+");
    private static final Set<String> TESTS = Set.of("eq", "ne", "lt", "gt", "le", "ge");
    private static final Set<String> TYPES = Set.of("rpm", "driver-rpm", "tbz2", "driver", "firmware");
    private static PackFixture pack;

    @BeforeAll
    static void pack() throws Exception {
        pack = PackFixture.get();
    }

    static List<String> repositoryViolations(Document d) {
        List<String> v = new ArrayList<>();
        Element r = d.getDocumentElement();
        if (!r.getTagName().equals("repository")) {
            return List.of("RepoFormatError: no <repository>");
        }
        for (String a : List.of("originator", "name", "product", "version")) {
            if (r.getAttribute(a).isEmpty()) {
                v.add("RepoFormatError: missing " + a);
            }
        }
        for (String a : List.of("originator", "name")) {
            if (!IDENT.matcher(r.getAttribute(a)).matches()) {
                v.add("Error: invalid " + a);
            }
        }
        if (Xml.all(r, "description").size() != 1) {
            v.add("RepoFormatError: no <description>");
        }
        for (Element q : Xml.all(r, "requires")) {
            if (!TESTS.contains(q.getAttribute("test")) || q.getAttribute("originator").isEmpty()
                    || q.getAttribute("name").isEmpty()) {
                v.add("RepoFormatError: bad <requires> " + q.getAttribute("test"));
            }
        }
        return v;
    }

    @Test
    void xsRepositoryFollowsTheLegacyRules() throws Exception {
        Document d = Xml.parse(pack.tree.resolve("XS-REPOSITORY"));
        assertEquals(List.of(), repositoryViolations(d));
        Element req = Xml.first(d.getDocumentElement(), "requires");
        assertEquals("xs:main", req.getAttribute("originator") + ":" + req.getAttribute("name"));
        String bad = Files.readString(pack.tree.resolve("XS-REPOSITORY")).replace("test=\"ge\"", "test=\"gte\"")
                .replace("originator=\"xenwbem\"", "originator=\"xen wbem\"");
        assertEquals(2, repositoryViolations(Xml.parse(bad.getBytes())).size(), "the rules catch a broken file");
    }

    @Test
    void xsPackagesListsThePayloadWithItsSizeAndMd5() throws Exception {
        List<Element> pkgs = Xml.all(Xml.parse(pack.tree.resolve("XS-PACKAGES")), "package");
        assertEquals(1, pkgs.size());
        Element p = pkgs.get(0);
        assertTrue(TYPES.contains(p.getAttribute("type")));
        Path file = pack.tree.resolve(p.getTextContent().strip());
        assertEquals(pack.rpm("xenwbem"), file);
        assertEquals(Files.size(file), Long.parseLong(p.getAttribute("size")));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file))),
                p.getAttribute("md5"));
        String files = Cmd.ok(PackFixture.WORK, "rpm", "-qpl", "--nosignature", file.toString());
        assertFalse(files.lines().anyMatch(l -> l.startsWith("/lib/modules/") || l.startsWith("/boot/vmlinu")),
                "a plain rpm may not carry kernel modules or a kernel");
    }

    private static Cmd.Result installSh(Path isoCopy, Path root) throws Exception {
        Path stubs = Files.createDirectories(root.resolve("stubs"));
        Path rpm = stubs.resolve("rpm");
        Files.writeString(rpm, "#!/bin/bash\necho \"rpm $*\" >> " + root.resolve("calls.log") + "\n");
        rpm.toFile().setExecutable(true);
        return Cmd.run(List.of("/bin/bash", isoCopy.resolve("install.sh").toString(), "-b"), isoCopy,
                Map.of("PATH", stubs + ":/usr/bin:/bin", "XENWBEM_INSTALL_ROOT", root.toString()), false, Duration.ofMinutes(1));
    }

    @Test
    void installShChecksTheMd5AndInstallsThePayload() throws Exception {
        assertTrue(Files.getPosixFilePermissions(pack.tree.resolve("install.sh")).contains(PosixFilePermission.OWNER_EXECUTE),
                "install.sh keeps its execute bit (Rock Ridge)");
        Path root = PackFixture.scratch("legacy-root");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/xensource-inventory"), "PRODUCT_BRAND='XenServer'\n");
        Cmd.Result r = installSh(pack.tree, root);
        assertTrue(r.ok(), r.toString());
        String calls = Files.readString(root.resolve("calls.log"));
        assertTrue(calls.contains("-Uhv --replacepkgs " + pack.prop("rpm.xenwbem")), calls);
        assertTrue(Files.isRegularFile(root.resolve("etc/xensource/installed-repos/xenwbem:xenwbem/XS-REPOSITORY")));
    }

    @Test
    void installShRefusesATamperedPackageAndAnotherProduct() throws Exception {
        Path copy = PackFixture.scratch("legacy-tampered");
        for (String f : List.of("install.sh", "XS-PACKAGES", "XS-REPOSITORY")) {
            Files.copy(pack.tree.resolve(f), copy.resolve(f));
        }
        PackFixture.tampered(pack.rpm("xenwbem"), copy.resolve(pack.prop("rpm.xenwbem")), 100);
        Path root = PackFixture.scratch("legacy-root2");
        Cmd.Result r = installSh(copy, root);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("FATAL: MD5 mismatch on " + pack.prop("rpm.xenwbem")), r.toString());

        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/xensource-inventory"), "PRODUCT_BRAND='SomethingElse'\nPLATFORM_NAME='Other'\n");
        Cmd.Result other = installSh(pack.tree, root);
        assertEquals(2, other.exit(), other.toString());
        assertTrue(other.err().contains("not compatible"), other.toString());
    }
}
