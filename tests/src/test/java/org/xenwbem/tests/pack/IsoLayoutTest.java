package org.xenwbem.tests.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The ISO's tree as xorriso and pycdlib (a strict reader) list it, update.xml against xapi's rules,
 * and the repository metadata against what the host installer and xapi read: SHA-256 and gzip
 * primary listing exactly the RPMs, the comps group {@code update}, the control package.
 */
class IsoLayoutTest {
    private static PackFixture pack;

    @BeforeAll
    static void pack() throws Exception {
        pack = PackFixture.get();
    }

    private static List<String> expectedPatterns() {
        String vr = Pattern.quote(pack.prop("version"));
        return List.of("/update\\.xml", "/update\\.xml\\.asc", "/RPM-GPG-KEY-xenwbem", "/XS-REPOSITORY", "/XS-PACKAGES",
                "/install\\.sh", "/Packages/xenwbem-" + vr + "\\.x86_64\\.rpm", "/Packages/control-xenwbem-" + vr + "\\.noarch\\.rpm",
                "/Packages/update-xenwbem-" + vr + "\\.noarch\\.rpm", "/repodata/repomd\\.xml", "/repodata/repomd\\.xml\\.asc",
                "/repodata/[0-9a-f]{64}-primary\\.xml\\.gz", "/repodata/[0-9a-f]{64}-filelists\\.xml\\.gz",
                "/repodata/[0-9a-f]{64}-other\\.xml\\.gz", "/repodata/[0-9a-f]{64}-groups\\.xml",
                "/repodata/[0-9a-f]{64}-groups\\.xml\\.gz", "/repodata/[0-9a-f]{64}-primary\\.sqlite\\.(gz|bz2)",
                "/repodata/[0-9a-f]{64}-filelists\\.sqlite\\.(gz|bz2)", "/repodata/[0-9a-f]{64}-other\\.sqlite\\.(gz|bz2)");
    }

    private static void assertTree(List<String> files, String reader) {
        List<String> unmatched = new ArrayList<>(files);
        for (String p : expectedPatterns()) {
            List<String> hits = unmatched.stream().filter(f -> f.matches(p)).toList();
            assertEquals(1, hits.size(), reader + ": expected exactly one file matching " + p + " in " + files);
            unmatched.removeAll(hits);
        }
        assertEquals(List.of(), unmatched, reader + ": files the pack should not hold");
    }

    @Test
    void xorrisoListsTheExpectedTree() throws Exception {
        String out = Cmd.ok(PackFixture.WORK, "xorriso", "-indev", pack.iso.toString(), "-find", "/", "-type", "f");
        List<String> files = out.lines().map(l -> l.strip().replaceAll("^'|'$", "")).filter(l -> l.startsWith("/")).toList();
        assertTree(files, "xorriso");
        assertFalse(files.contains("/.treeinfo"), "a .treeinfo would make the installer take the pack for a base repository");
    }

    @Test
    void aStrictReaderSeesTheSameTreeByRockRidgeAndJolietNames() throws Exception {
        PackFixture.requireTool("python3");
        String script = String.join("\n", "import sys, pycdlib",
                "iso = pycdlib.PyCdlib()", "iso.open(sys.argv[1])",
                "assert iso.has_rock_ridge(), 'no Rock Ridge'", "assert iso.has_joliet(), 'no Joliet'",
                "for root, dirs, files in iso.walk(rr_path='/'):",
                "    for f in files: print((root.rstrip('/') + '/' + f))",
                "iso.close()");
        Cmd.Result r = Cmd.run(PackFixture.WORK, "/usr/bin/python3", "-c", script, pack.iso.toString());
        assertTrue(r.ok(), "pycdlib could not read the ISO: " + r);
        assertTree(r.out().lines().toList(), "pycdlib");
    }

    @Test
    void updateXmlPassesXapisRules() throws Exception {
        Document d = Xml.parse(pack.tree.resolve("update.xml"));
        assertEquals(List.of(), UpdateRules.violations(d));
        Element u = d.getDocumentElement();
        assertEquals(pack.uuid(), u.getAttribute("uuid"));
        assertEquals("xenwbem", u.getAttribute("name-label"));
        assertEquals("control-xenwbem", u.getAttribute("control"));
        assertEquals(pack.prop("key.name"), u.getAttribute("key"));
        assertTrue(Files.isRegularFile(pack.tree.resolve(u.getAttribute("key"))), "the key update.xml names is on the ISO");
        assertEquals(Long.parseLong(pack.prop("size.installed")), Long.parseLong(u.getAttribute("installation-size")));
    }

    @Test
    void theRulesRejectBrokenUpdateDocuments() throws Exception {
        String good = Files.readString(pack.tree.resolve("update.xml"));
        Map<String, String> broken = Map.of(
                "missing <uuid>", good.replaceFirst(" uuid=\"[^\"]*\"", ""),
                "missing <name-description>", good.replaceFirst("<name-description>[^<]*</name-description>",
                        "<name-description></name-description>"),
                "name-label", good.replace("name-label=\"xenwbem\"", "name-label=\"xen wbem\""),
                "installation-size", good.replaceFirst("installation-size=\"\\d+\"", "installation-size=\"big\""),
                "missing <update>", good.replace("<update ", "<updates ").replace("</update>", "</updates>"));
        for (var e : broken.entrySet()) {
            List<String> v = UpdateRules.violations(Xml.parse(e.getValue().getBytes()));
            assertTrue(v.stream().anyMatch(s -> s.contains(e.getKey())), e.getKey() + " not caught: " + v);
        }
    }

    @Test
    void repodataIsSha256AndGzipAndListsExactlyThePacksRpms() throws Exception {
        Document repomd = Xml.parse(pack.tree.resolve("repodata/repomd.xml"));
        Map<String, Element> data = new TreeMap<>();
        for (Element e : Xml.all(repomd, "data")) {
            data.put(e.getAttribute("type"), e);
        }
        assertTrue(data.keySet().containsAll(List.of("primary", "filelists", "other", "group")), data.keySet().toString());
        Element primary = data.get("primary");
        String href = Xml.first(primary, "location").getAttribute("href");
        assertTrue(href.endsWith(".xml.gz"), "the installer gunzips primary: " + href);
        Element sum = Xml.first(primary, "checksum");
        assertEquals("sha256", sum.getAttribute("type"));
        assertEquals(sum.getTextContent().strip(), sha256(pack.tree.resolve(href)));

        Map<String, String> listed = new TreeMap<>();
        for (Element p : Xml.all(Xml.parseGz(pack.tree.resolve(href)), "package")) {
            String loc = Xml.first(p, "location").getAttribute("href");
            Element c = Xml.first(p, "checksum");
            assertEquals("sha256", c.getAttribute("type"), loc);
            Path file = pack.tree.resolve(loc);
            assertEquals(sha256(file), c.getTextContent().strip(), "sha256 of " + loc);
            assertEquals(Files.size(file), Long.parseLong(Xml.first(p, "size").getAttribute("package")), "size of " + loc);
            listed.put(Xml.first(p, "name").getTextContent().strip(), loc);
        }
        assertEquals(new TreeSet<>(List.of("xenwbem", "control-xenwbem", "update-xenwbem")), listed.keySet());
        try (var s = Files.list(pack.tree.resolve("Packages"))) {
            assertEquals(new TreeSet<>(s.map(p -> "Packages/" + p.getFileName()).toList()), new TreeSet<>(listed.values()));
        }
    }

    @Test
    void theGroupUpdatePullsInTheUpdatePackage() throws Exception {
        Document repomd = Xml.parse(pack.tree.resolve("repodata/repomd.xml"));
        Element group = Xml.all(repomd, "data").stream().filter(e -> e.getAttribute("type").equals("group")).findFirst()
                .orElseThrow();
        Document comps = Xml.parse(pack.tree.resolve(Xml.first(group, "location").getAttribute("href")));
        List<Element> groups = Xml.all(comps, "group");
        assertEquals(1, groups.size());
        assertEquals("update", Xml.first(groups.get(0), "id").getTextContent().strip());
        List<String> reqs = Xml.all(groups.get(0), "packagereq").stream().map(e -> e.getTextContent().strip()).toList();
        assertEquals(List.of("update-xenwbem"), reqs);
    }

    @Test
    void theUpdatePackageRecordsTheUpdateAndTheControlPackageTheBaseProduct() throws Exception {
        String files = Cmd.ok(PackFixture.WORK, "rpm", "-qpl", "--nosignature", pack.rpm("update-xenwbem").toString());
        assertEquals("/var/update/applied/" + pack.uuid(), files.strip());
        String requires = Cmd.ok(PackFixture.WORK, "rpm", "-qp", "--requires", "--nosignature", pack.rpm("control-xenwbem").toString());
        assertTrue(requires.contains("product-version >= "), requires);
        String payloadReq = Cmd.ok(PackFixture.WORK, "rpm", "-qp", "--requires", "--nosignature", pack.rpm("xenwbem").toString());
        List<String> real = payloadReq.lines().filter(l -> !l.startsWith("rpmlib(") && !l.equals("/bin/sh")).toList();
        assertEquals(List.of(), real, "the payload needs nothing but a shell for its scriptlets");
    }

    static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }
}
