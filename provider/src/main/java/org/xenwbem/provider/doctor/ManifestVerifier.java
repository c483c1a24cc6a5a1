package org.xenwbem.provider.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.keys.KeyInfo;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.utils.Constants;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Checks an installed tree against its {@link InstallManifest}: the XML signature first (Santuario,
 * secure validation; exactly one reference, to the whole document, enveloped), then the OpenPGP
 * fingerprint of the verifying key (recomputed, compared with the {@code ds:KeyName} and with the
 * fingerprint the admin trusts, when given), then every listed file's size and SHA-256, then files
 * under the covered tree that the manifest does not list.
 */
public final class ManifestVerifier {
    /** The outcome. {@code problem} is null when the signature is good; file lists are then meaningful. */
    public record Result(String problem, String signerFingerprint, String version, int filesChecked,
                         List<String> modified, List<String> missing, List<String> unexpected) {
        public boolean ok() {
            return problem == null && modified.isEmpty() && missing.isEmpty() && unexpected.isEmpty();
        }
    }

    private ManifestVerifier() {
    }

    /**
     * @param manifest           the manifest file
     * @param root               where the tree is installed: {@code /}, or an install root
     * @param trustedFingerprint the signing key's fingerprint the admin trusts (spaces ignored), or null
     */
    public static Result verify(Path manifest, Path root, String trustedFingerprint) throws IOException {
        Document doc;
        try (InputStream in = Files.newInputStream(manifest)) {
            doc = InstallManifest.newBuilder().parse(in);
        } catch (NoSuchFileException e) {
            return failed("the manifest " + manifest + " is missing");
        } catch (SAXException | ParserConfigurationException e) {
            return failed("the manifest " + manifest + " is not well-formed XML: " + e.getMessage());
        }
        Element rootEl = doc.getDocumentElement();
        if (!InstallManifest.NS.equals(rootEl.getNamespaceURI()) || !"manifest".equals(rootEl.getLocalName())) {
            return failed("the manifest " + manifest + " is not an xenwbem installation manifest");
        }
        String fingerprint;
        try {
            fingerprint = checkSignature(doc, trustedFingerprint);
        } catch (BadSignature e) {
            return failed(e.getMessage());
        }
        InstallManifest.Header header = InstallManifest.header(doc);
        List<String> modified = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        List<InstallManifest.Entry> entries = InstallManifest.entries(doc);
        for (InstallManifest.Entry e : entries) {
            listed.add(e.path());
            Path f = resolve(root, e.path());
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                missing.add(e.path());
            } else if (Files.size(f) != e.size() || !InstallManifest.entry(e.path(), f).sha256().equals(e.sha256())) {
                modified.add(e.path());
            }
        }
        listed.add(header.tree() + "/" + InstallManifest.FILE_NAME);
        List<String> unexpected = unlisted(root, header.tree(), listed);
        return new Result(null, fingerprint, header.version(), entries.size(), modified, missing, unexpected);
    }

    private static String checkSignature(Document doc, String trusted) throws BadSignature {
        Santuario.init();
        NodeList sigs = doc.getElementsByTagNameNS(Constants.SignatureSpecNS, "Signature");
        if (sigs.getLength() != 1 || sigs.item(0).getParentNode() != doc.getDocumentElement()) {
            throw new BadSignature("the manifest must carry exactly one enveloped XML signature; it has "
                    + sigs.getLength());
        }
        try {
            XMLSignature sig = new XMLSignature((Element) sigs.item(0), "", true);
            SignedInfo si = sig.getSignedInfo();
            if (si.getLength() != 1 || !"".equals(si.item(0).getURI())) {
                throw new BadSignature("the manifest's signature does not cover the whole manifest");
            }
            Reference ref = si.item(0);
            Transforms t = ref.getTransforms();
            if (t == null || t.getLength() < 1 || !Transforms.TRANSFORM_ENVELOPED_SIGNATURE.equals(t.item(0).getURI())) {
                throw new BadSignature("the manifest's signature is not an enveloped signature");
            }
            KeyInfo ki = sig.getKeyInfo();
            PublicKey key = ki == null ? null : ki.getPublicKey();
            if (key == null) {
                throw new BadSignature("the manifest's signature names no public key (ds:KeyValue)");
            }
            if (!sig.checkSignatureValue(key)) {
                throw new BadSignature("the manifest's XML signature does not verify: the manifest was altered");
            }
            long created = InstallManifest.header(doc).keyCreatedSeconds();
            String fpr = OpenPgpFingerprint.of(key, created);
            String named = ki.lengthKeyName() > 0 ? ki.itemKeyName(0).getKeyName() : "";
            if (!fpr.equals(normalize(named))) {
                throw new BadSignature("the manifest's key name " + named + " is not the fingerprint of its key " + fpr);
            }
            if (trusted != null && !normalize(trusted).equals(fpr)) {
                throw new BadSignature("the manifest is signed by key " + fpr + ", not by the trusted key "
                        + normalize(trusted));
            }
            return fpr;
        } catch (XMLSecurityException | IllegalArgumentException e) {
            throw new BadSignature("the manifest's XML signature cannot be checked: " + e.getMessage());
        }
    }

    private static List<String> unlisted(Path root, String tree, Set<String> listed) throws IOException {
        List<String> out = new ArrayList<>();
        if (tree.isEmpty()) {
            return out;
        }
        Path dir = resolve(root, tree);
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> !Files.isDirectory(p)).sorted().toList()) {
                String installPath = tree + "/" + dir.relativize(f).toString().replace('\\', '/');
                if (!listed.contains(installPath)) {
                    out.add(installPath);
                }
            }
        }
        return out;
    }

    static Path resolve(Path root, String installPath) {
        return root.resolve(installPath.substring(1));
    }

    static String normalize(String fingerprint) {
        return fingerprint.replace(" ", "").replace(":", "").toUpperCase(Locale.ROOT);
    }

    private static Result failed(String problem) {
        return new Result(problem, null, null, 0, List.of(), List.of(), List.of());
    }

    /** A signature problem, carried to {@link #verify} as its {@code problem} text. */
    private static final class BadSignature extends Exception {
        BadSignature(String message) {
            super(message);
        }
    }
}
