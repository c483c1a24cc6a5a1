package org.xenwbem.pack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The legacy pack format (XenServer up to 7.0, and the host installer's legacy path):
 * {@code XS-REPOSITORY} ({@code <repository originator name product version build>} with a
 * {@code <description>} and a {@code <requires>} on the base product) and {@code XS-PACKAGES}
 * (each package with label, type {@code rpm}, size and MD5). Identifiers are limited to
 * {@code [A-Za-z0-9-_.]}. Only the payload is listed: control and update RPMs belong to the
 * update mechanism.
 */
final class LegacyMetadata {
    static final String ORIGINATOR = "xenwbem";

    private LegacyMetadata() {
    }

    static String xsRepository(PackSettings s, String description) {
        return "<?xml version=\"1.0\" ?>\n"
                + "<repository originator=\"" + ORIGINATOR + "\" name=\"" + s.label() + "\" product=\"" + s.legacyProduct()
                + "\" version=\"" + s.rpmVersion() + "\" build=\"" + s.release() + "\">\n"
                + "  <description>" + UpdateMetadata.escape(description) + "</description>\n"
                + "  <requires originator=\"xs\" name=\"main\" test=\"ge\" product=\"" + s.legacyProduct()
                + "\" version=\"" + s.legacyRequiresVersion() + "\"/>\n"
                + "</repository>\n";
    }

    /** @param isoRoot the ISO's root; each package is named by its path relative to it */
    static String xsPackages(Path isoRoot, List<Path> rpms, String label) throws IOException {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" ?>\n<packages>\n");
        for (Path rpm : rpms) {
            b.append("  <package label=\"").append(label).append("\" type=\"rpm\" size=\"").append(Files.size(rpm))
                    .append("\" md5=\"").append(md5(rpm)).append("\">")
                    .append(isoRoot.relativize(rpm).toString()).append("</package>\n");
        }
        return b.append("</packages>\n").toString();
    }

    static String md5(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java runtime has no MD5", e);
        }
    }
}
