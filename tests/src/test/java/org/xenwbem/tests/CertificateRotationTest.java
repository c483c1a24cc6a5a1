package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * The daemon serves a rotated PEM (as {@code xe host-refresh-server-certificate} rotates
 * xapi-ssl.pem) without a restart: a connection opened before keeps working, new connections get
 * the new certificate, and a half-written or mismatched PEM is refused with a WARN while the
 * certificate served before stays — until the file is whole again.
 */
class CertificateRotationTest {
    private static final Duration PERIOD = Duration.ofMillis(200);
    private static final String GET_STATUS = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    @Test
    void rotatedPemIsServedToNewConnectionsAndOpenOnesKeepWorking() throws Exception {
        Path dir = Files.createTempDirectory("xenwbem-rotate");
        Path pem = dir.resolve("xapi-ssl.pem");
        Pem a = Pem.create("rotate-a.example");
        Files.writeString(pem, a.text());
        try (DaemonFixture fx = new DaemonFixture(1, 0, 0, o -> {
            o.simHosts = 1;
            o.certPem = pem;
            o.certReloadInterval = PERIOD;
        }); LoopbackHttps old = LoopbackHttps.open(fx.port(), "127.0.0.1")) {
            assertEquals(a.fingerprint(), fingerprint(old.peerCertificate()));
            assertEquals(200, status(old).status());

            Pem b = Pem.create("rotate-b.example");
            replace(pem, b.text());
            awaitServed(fx, b);
            awaitStatusPage(fx, b); // the page follows the TLS context by a moment
            LoopbackHttps.Reply again = status(old);
            assertEquals(200, again.status(), "the connection opened before the rotation still works");
            assertEquals(a.fingerprint(), fingerprint(old.peerCertificate()));
            assertTrue(again.body().contains(b.fingerprint()), "the status page names the served certificate: "
                    + again.body());
        }
    }

    @Test
    void halfWrittenOrMismatchedPemIsRefusedAndTheOldCertificateKept() throws Exception {
        Path dir = Files.createTempDirectory("xenwbem-rotate");
        Path pem = dir.resolve("xapi-ssl.pem");
        Pem a = Pem.create("rotate-a.example");
        Files.writeString(pem, a.text());
        ListAppender<ILoggingEvent> logs = RawSockets.captureLog();
        try (DaemonFixture fx = new DaemonFixture(1, 0, 0, o -> {
            o.simHosts = 1;
            o.certPem = pem;
            o.certReloadInterval = PERIOD;
        })) {
            Pem c = Pem.create("rotate-c.example");
            Files.writeString(pem, c.text().substring(0, c.text().length() / 2)); // in place, as a slow copy writes
            awaitWarn(logs, "");
            Thread.sleep(PERIOD.toMillis() * 3);
            assertEquals(a.fingerprint(), served(fx), "a half-written PEM is not served");

            Files.writeString(pem, c.keyPem() + Pem.create("other.example").certificatePem());
            awaitWarn(logs, "does not match");
            assertEquals(a.fingerprint(), served(fx), "a key without its certificate is not served");

            Files.writeString(pem, c.text()); // the writer finishes
            awaitServed(fx, c);
        } finally {
            RawSockets.stopCapture(logs);
        }
    }

    private static LoopbackHttps.Reply status(LoopbackHttps c) throws IOException {
        c.send(GET_STATUS.getBytes(StandardCharsets.US_ASCII));
        return c.read(System.nanoTime());
    }

    /** xapi's way: a new file renamed over the old one. */
    private static void replace(Path pem, String text) throws IOException {
        Path next = pem.resolveSibling(pem.getFileName() + ".tmp");
        Files.writeString(next, text);
        Files.move(next, pem, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void awaitServed(DaemonFixture fx, Pem p) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String now = served(fx);
        while (!now.equals(p.fingerprint()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = served(fx);
        }
        assertEquals(p.fingerprint(), now, "a new connection gets the rotated certificate");
    }

    private static void awaitStatusPage(DaemonFixture fx, Pem p) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!fx.daemon.identity().sha256Fingerprint().equals(p.fingerprint()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static void awaitWarn(ListAppender<ILoggingEvent> logs, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (logs.list.stream().anyMatch(e -> e.getLevel() == Level.WARN
                    && e.getFormattedMessage().startsWith("Not reloading") && e.getFormattedMessage().contains(text))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no WARN about " + text);
    }

    /** The fingerprint of the certificate a new connection gets. */
    private static String served(DaemonFixture fx) throws Exception {
        try (LoopbackHttps c = LoopbackHttps.open(fx.port(), "127.0.0.1")) {
            return fingerprint(c.peerCertificate());
        }
    }

    private static String fingerprint(X509Certificate c) throws Exception {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    }

    /** A key and its self-signed certificate, as one PEM text (key first, as in xapi-ssl.pem). */
    private record Pem(String keyPem, String certificatePem, X509Certificate certificate) {
        String text() {
            return keyPem + certificatePem;
        }

        String fingerprint() throws Exception {
            return CertificateRotationTest.fingerprint(certificate);
        }

        static Pem create(String cn) throws Exception {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair keys = g.generateKeyPair();
            X500Name name = new X500Name("CN=" + cn);
            Instant now = Instant.now();
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                    name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(3600)),
                    Date.from(now.plus(Duration.ofDays(30))), name, keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            return new Pem(pem(keys.getPrivate()), pem(cert), cert);
        }

        private static String pem(Object o) throws IOException {
            StringWriter w = new StringWriter();
            try (JcaPEMWriter out = new JcaPEMWriter(w)) {
                out.writeObject(o);
            }
            return w.toString();
        }
    }
}
