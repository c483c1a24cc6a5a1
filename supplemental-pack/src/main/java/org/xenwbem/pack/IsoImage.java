package org.xenwbem.pack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The repository metadata and the ISO: {@code createrepo_c} with SHA-256 checksums and gzip
 * (the host installer reads a gzip primary and SHA-256 only) and the comps group file, then
 * {@code xorriso} in mkisofs mode with Rock Ridge (xapi mounts the ISO with the kernel's iso9660
 * driver and relies on Rock Ridge names) and Joliet.
 */
final class IsoImage {
    private final Tools tools = new Tools(Map.of());

    void createRepo(Path root, Path groupsXml) throws PackException {
        tools.run(List.of("createrepo_c", "--quiet", "--checksum", "sha256", "--compress-type", "gz",
                "--groupfile", groupsXml.toString(), root.toString()), root, 300);
        if (!Files.isRegularFile(root.resolve("repodata/repomd.xml"))) {
            throw new PackException("createrepo_c wrote no repodata/repomd.xml in " + root);
        }
    }

    void write(Path root, Path iso, String volumeId) throws PackException, IOException {
        Files.deleteIfExists(iso);
        tools.run(List.of("xorriso", "-as", "mkisofs", "-quiet", "-r", "-J", "-joliet-long", "-V", volumeId,
                "-A", "xenwbem supplemental pack", "-o", iso.toString(), root.toString()), root.getParent(), 300);
    }
}
