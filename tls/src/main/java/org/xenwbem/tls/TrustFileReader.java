package org.xenwbem.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.util.encoders.DecoderException;

/**
 * The certificates of an {@link OutboundTrust} trust file (PEM, Bouncy Castle's parser). A class of its
 * own so that a daemon without a trust file never loads Bouncy Castle: naming its exception in
 * OutboundTrust alone loaded it, and with it the verification of its signed jar (issue #15 item 4).
 */
final class TrustFileReader {
    private TrustFileReader() {
    }

    /** Every certificate of the PEM {@code file}; fails when there is none or it is not PEM. */
    static List<X509Certificate> read(Path file) throws TlsConfigException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new TlsConfigException("trust file " + file + " is not a readable file");
        }
        List<X509Certificate> out = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
                LenientPemParser parser = new LenientPemParser(in)) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    out.add(converter.getCertificate(holder));
                } else if (item instanceof X509TrustedCertificateBlock block) {
                    out.add(converter.getCertificate(block.getCertificateHolder()));
                }
            }
        } catch (IOException | DecoderException e) {
            throw new TlsConfigException("trust file " + file + " is not valid PEM: " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new TlsConfigException("trust file " + file + " holds an unusable certificate", e);
        }
        if (out.isEmpty()) {
            throw new TlsConfigException("trust file " + file + " holds no certificate");
        }
        return out;
    }

}
