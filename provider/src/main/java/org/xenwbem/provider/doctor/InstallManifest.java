package org.xenwbem.provider.doctor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The installation manifest, {@code /opt/xenwbem/MANIFEST.xml}: every file the payload RPM
 * installs (configuration files excepted, since admins edit them) with its size and SHA-256, and
 * an enveloped XML signature (XMLDSig, RSA-SHA256, exclusive C14N) made with Apache Santuario.
 *
 * <pre>{@code
 * <manifest xmlns="urn:xenwbem:install-manifest:1" product="xenwbem" version="0.1.0-1"
 *           tree="/opt/xenwbem" key-created="1735689600">
 *   <file path="/opt/xenwbem/bin/xenwbem" size="3120" sha256="…"/>
 *   …
 *   <ds:Signature>… <ds:KeyInfo><ds:KeyName>OpenPGP fingerprint</ds:KeyName><ds:KeyValue>…
 * </manifest>}</pre>
 *
 * <p>{@code tree} is the directory the manifest covers completely: a file found there but not
 * listed is reported, since the launcher puts every jar of {@code lib/} on the class path.
 * {@code key-created} is the OpenPGP creation time of the signing key, from which
 * {@link OpenPgpFingerprint} recomputes the fingerprint of the key that verifies the signature.
 * Writing is used by the pack build; {@link ManifestVerifier} checks an installed tree.
 */
public final class InstallManifest {
    public static final String NS = "urn:xenwbem:install-manifest:1";
    public static final String FILE_NAME = "MANIFEST.xml";

    /** One installed file: absolute install path, size in bytes, lower-case hex SHA-256. */
    public record Entry(String path, long size, String sha256) {
        public Entry {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("install paths are absolute: " + path);
            }
        }
    }

    /** What the manifest says about itself besides its files. */
    public record Header(String product, String version, String tree, long keyCreatedSeconds) {
    }

    private InstallManifest() {
    }

    /** The entry for {@code file}, which will be installed at {@code installPath}. */
    public static Entry entry(String installPath, Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return new Entry(installPath, Files.size(file), HexFormat.of().formatHex(sha.digest()));
    }

    /**
     * Writes and signs a manifest.
     *
     * @param keys        the signing key pair (RSA)
     * @param keyName     shown in {@code ds:KeyName}: the key's OpenPGP fingerprint
     * @return the signed document, UTF-8
     */
    public static byte[] sign(Header header, List<Entry> entries, KeyPair keys, String keyName) throws IOException {
        Santuario.init();
        try {
            Document doc = newBuilder().newDocument();
            Element root = doc.createElementNS(NS, "manifest");
            root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", NS);
            root.setAttribute("product", header.product());
            root.setAttribute("version", header.version());
            root.setAttribute("tree", header.tree());
            root.setAttribute("key-created", Long.toString(header.keyCreatedSeconds()));
            doc.appendChild(root);
            for (Entry e : entries) {
                Element f = doc.createElementNS(NS, "file");
                f.setAttribute("path", e.path());
                f.setAttribute("size", Long.toString(e.size()));
                f.setAttribute("sha256", e.sha256());
                root.appendChild(f);
            }
            XMLSignature sig = new XMLSignature(doc, "", XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256,
                    Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
            root.appendChild(sig.getElement());
            Transforms transforms = new Transforms(doc);
            transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
            transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
            sig.addDocument("", transforms, MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256);
            sig.getKeyInfo().addKeyName(keyName);
            sig.addKeyInfo(keys.getPublic());
            sig.sign(keys.getPrivate());
            return serialize(doc);
        } catch (XMLSecurityException | ParserConfigurationException | TransformerException e) {
            throw new IOException("cannot sign the installation manifest: " + e.getMessage(), e);
        }
    }

    /** Reads the file entries of a parsed manifest (its signature is checked elsewhere). */
    static List<Entry> entries(Document doc) {
        List<Entry> out = new ArrayList<>();
        var files = doc.getDocumentElement().getElementsByTagNameNS(NS, "file");
        for (int i = 0; i < files.getLength(); i++) {
            Element f = (Element) files.item(i);
            out.add(new Entry(f.getAttribute("path"), Long.parseLong(f.getAttribute("size")), f.getAttribute("sha256")));
        }
        return out;
    }

    static Header header(Document doc) {
        Element r = doc.getDocumentElement();
        return new Header(r.getAttribute("product"), r.getAttribute("version"), r.getAttribute("tree"),
                Long.parseLong(r.getAttribute("key-created")));
    }

    /** A namespace-aware parser that refuses DOCTYPEs (no entities, no external fetches). */
    static DocumentBuilder newBuilder() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setExpandEntityReferences(false);
        f.setXIncludeAware(false);
        return f.newDocumentBuilder();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java runtime has no SHA-256", e);
        }
    }

    private static byte[] serialize(Document doc) throws TransformerException {
        TransformerFactory tf = TransformerFactory.newInstance();
        tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        Transformer t = tf.newTransformer();
        t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.transform(new DOMSource(doc), new StreamResult(out));
        return out.toByteArray();
    }
}
