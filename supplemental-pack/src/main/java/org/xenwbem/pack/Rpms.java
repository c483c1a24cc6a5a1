package org.xenwbem.pack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds the pack's RPMs with rpmbuild from the specs in {@code src/pack/rpm} (placeholders
 * filled, {@code common.inc} prepended: gzip payload and SHA-256 digests for dom0's rpm 4.11).
 */
final class Rpms {
    private final Path specSources;
    private final Path topdir;
    private final Tools tools = new Tools(Map.of());

    Rpms(Path specSources, Path topdir) {
        this.specSources = specSources;
        this.topdir = topdir;
    }

    /** Builds {@code <name>.spec}; returns the RPM file. */
    Path build(String name, Map<String, String> tokens) throws PackException, IOException {
        Files.createDirectories(topdir.resolve("SPECS"));
        Files.createDirectories(topdir.resolve("tmp"));
        String spec = Files.readString(specSources.resolve("common.inc"), StandardCharsets.UTF_8)
                + Templates.fill(specSources.resolve(name + ".spec"), tokens);
        Path specFile = topdir.resolve("SPECS").resolve(name + ".spec");
        Files.writeString(specFile, spec, StandardCharsets.UTF_8);
        Path rpms = topdir.resolve("RPMS");
        String version = tokens.get("VERSION") + "-" + tokens.get("RELEASE");
        if (Files.isDirectory(rpms)) {
            try (Stream<Path> old = Files.walk(rpms)) {
                for (Path p : old.filter(p -> p.getFileName().toString().startsWith(name + "-")).toList()) {
                    Files.delete(p);
                }
            }
        }
        tools.run(List.of("rpmbuild", "-bb", "--quiet", "--define", "_topdir " + topdir,
                "--define", "_tmppath " + topdir.resolve("tmp"), specFile.toString()), topdir, 600);
        try (Stream<Path> built = Files.walk(rpms)) {
            return built.filter(p -> p.getFileName().toString().startsWith(name + "-" + version + "."))
                    .findFirst().orElseThrow(() -> new PackException("rpmbuild made no " + name + " RPM in " + rpms));
        }
    }
}
