package org.xenwbem.pack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Builds {@code target/xenwbem-<version>-<release>.iso} (run by Maven in {@code package}):
 * runtime image, payload tree and signed manifest, the three RPMs (signed), update.xml and
 * repodata (both signed), legacy metadata, the ISO; then prints the figures and writes
 * {@code target/pack.properties} for the validation tests.
 */
public final class PackBuild {
    static final String DESCRIPTION = "xenwbem: WBEM server (WS-Management and CIM-XML on HTTPS port 5989) "
            + "for SCVMM and other WBEM clients";
    private static final List<String> TOOLS = List.of("jdeps", "jlink", "rpmbuild", "rpmsign", "createrepo_c", "gpg",
            "gpgconf", "xorriso");

    private final PackSettings s;
    private final Map<String, Long> millis = new LinkedHashMap<>();
    private long mark = System.nanoTime();

    private PackBuild(PackSettings s) {
        this.s = s;
    }

    public static void main(String[] args) {
        try {
            new PackBuild(PackSettings.parse(args)).build();
        } catch (PackException | IOException e) {
            System.err.println("[pack] FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    private void build() throws PackException, IOException {
        Path src = s.basedir().resolve("src");
        Tools.require(TOOLS, src.resolve("build/install-build-tools.sh"), s.installTools());
        List<Path> jars;
        try (Stream<Path> l = Files.list(s.libDir())) {
            jars = l.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        Path work = s.target().resolve("pack-work");
        Files.createDirectories(work);
        RuntimeImage runtime = new RuntimeImage();
        List<String> modules = runtime.modules(jars, work);
        step("jdeps");
        PayloadTree tree = new PayloadTree(work.resolve("stage"));
        tree.layOut(src.resolve("pack/payload"), jars, s.fullVersion());
        runtime.link(s.jmods(), modules, tree.home().resolve("runtime"), work);
        String glibc = RuntimeImage.glibcFloor(tree.home().resolve("runtime"), jars);
        step("jlink");
        SigningKey key = SigningKey.open(s);
        try {
            step("key");
            int manifestFiles = tree.writeManifest(s.fullVersion(), key.javaKeyPair(), key.fingerprint(), key.createdSeconds());
            long installed = tree.installedBytes();
            step("manifest");
            Path root = work.resolve("iso");
            PayloadTree.deleteTree(root);
            Path packages = Files.createDirectories(root.resolve("Packages"));
            Path updateXml = root.resolve("update.xml");
            Files.writeString(updateXml, UpdateMetadata.updateXml(s, installed, DESCRIPTION), StandardCharsets.UTF_8);
            Map<String, String> tokens = Map.of("VERSION", s.rpmVersion(), "RELEASE", s.release(), "LICENSE", s.license(),
                    "URL", s.url(), "STAGE", tree.stage().toString(), "MODULES", String.join(", ", modules),
                    "GLIBC_FLOOR", glibc, "BASE_REQUIRES", s.baseRequires(), "UUID", s.uuid(),
                    "UPDATE_XML", updateXml.toString());
            Rpms rpmbuild = new Rpms(src.resolve("pack/rpm"), work.resolve("rpmbuild"));
            List<Path> rpms = new ArrayList<>();
            for (String name : List.of(s.label(), "control-" + s.label(), "update-" + s.label())) {
                Path built = rpmbuild.build(name, tokens);
                rpms.add(Files.copy(built, packages.resolve(built.getFileName()), StandardCopyOption.REPLACE_EXISTING));
            }
            step("rpmbuild");
            key.rpmSign(rpms);
            step("rpmsign");
            Path groups = work.resolve("groups.xml");
            Files.writeString(groups, UpdateMetadata.groupsXml(s, DESCRIPTION), StandardCharsets.UTF_8);
            IsoImage iso = new IsoImage();
            iso.createRepo(root, groups);
            key.detachSign(updateXml);
            key.detachSign(root.resolve("repodata/repomd.xml"));
            Path publicKey = s.target().resolve("xenwbem-signing-key.asc");
            key.exportPublic(publicKey);
            Files.copy(publicKey, root.resolve(s.keyFileName()), StandardCopyOption.REPLACE_EXISTING);
            step("repodata");
            writeLegacy(root, rpms.get(0));
            Path isoFile = s.target().resolve("xenwbem-" + s.fullVersion() + ".iso");
            deleteOldIsos();
            iso.write(root, isoFile, "XENWBEM");
            step("xorriso");
            Properties p = new Properties();
            p.setProperty("iso", isoFile.toString());
            p.setProperty("uuid", s.uuid());
            p.setProperty("label", s.label());
            p.setProperty("version", s.fullVersion());
            p.setProperty("key.fingerprint", key.fingerprint());
            p.setProperty("key.file", publicKey.toString());
            p.setProperty("key.name", s.keyFileName());
            p.setProperty("key.throwaway", Boolean.toString(key.throwaway()));
            p.setProperty("runtime.modules", String.join(",", modules));
            p.setProperty("runtime.glibc", glibc);
            p.setProperty("size.iso", Long.toString(Files.size(isoFile)));
            p.setProperty("size.installed", Long.toString(installed));
            p.setProperty("manifest.files", Integer.toString(manifestFiles));
            for (Path r : rpms) {
                p.setProperty("rpm." + r.getFileName().toString().replaceFirst("-" + s.rpmVersion() + "-.*", ""),
                        root.relativize(r).toString());
            }
            try (var out = Files.newBufferedWriter(s.target().resolve("pack.properties"))) {
                p.store(out, "written by the pack build");
            }
            report(isoFile, installed, modules, glibc, key, manifestFiles);
        } finally {
            key.close();
        }
    }

    private void writeLegacy(Path root, Path payloadRpm) throws IOException, PackException {
        Files.writeString(root.resolve("XS-REPOSITORY"), LegacyMetadata.xsRepository(s, DESCRIPTION), StandardCharsets.UTF_8);
        Files.writeString(root.resolve("XS-PACKAGES"), LegacyMetadata.xsPackages(root, List.of(payloadRpm), s.label()),
                StandardCharsets.UTF_8);
        String install = Templates.fill(s.basedir().resolve("src/pack/legacy/install.sh"), Map.of(
                "ORIGINATOR", LegacyMetadata.ORIGINATOR, "NAME", s.label(), "PRODUCT", s.legacyProduct()));
        Path sh = root.resolve("install.sh");
        Files.writeString(sh, install, StandardCharsets.UTF_8);
        sh.toFile().setExecutable(true, false);
    }

    private void deleteOldIsos() throws IOException {
        try (Stream<Path> l = Files.list(s.target())) {
            for (Path p : l.filter(p -> p.getFileName().toString().matches("xenwbem-.*\\.iso")).toList()) {
                Files.delete(p);
            }
        }
    }

    private void step(String name) {
        long now = System.nanoTime();
        millis.put(name, (now - mark) / 1_000_000);
        mark = now;
    }

    private void report(Path iso, long installed, List<String> modules, String glibc, SigningKey key, int manifestFiles)
            throws IOException {
        long isoBytes = Files.size(iso);
        System.out.println("[pack] ISO            " + iso + "  (update " + s.uuid() + ")");
        System.out.println("[pack] ISO size       " + UpdateMetadata.mb(isoBytes) + " (goal <= 60 MB)"
                + (isoBytes > 60_000_000 ? "  ** OVER THE GOAL **" : ""));
        System.out.println("[pack] installed size " + UpdateMetadata.mb(installed) + " (" + manifestFiles
                + " files in the signed manifest)");
        System.out.println("[pack] runtime        " + String.join(",", modules) + "; needs glibc >= " + glibc);
        if (Integer.parseInt(glibc.substring(glibc.indexOf('.') + 1)) > 17) {
            System.out.println("[pack] WARNING: dom0 of XenServer 8 / XCP-ng 8 has glibc 2.17; this runtime (from "
                    + s.jmods() + ") needs " + glibc + " and the RPM refuses to install there. For a release, build "
                    + "with -Dxenwbem.jmods=<jmods of a JDK 17 built for glibc 2.17, e.g. Eclipse Temurin>.");
        }
        System.out.println("[pack] signed by      " + key.fingerprint() + (key.throwaway() ? " (throw-away key)" : "")
                + "; public key " + s.target().resolve("xenwbem-signing-key.asc"));
        System.out.println("[pack] step times ms  " + millis);
    }
}
