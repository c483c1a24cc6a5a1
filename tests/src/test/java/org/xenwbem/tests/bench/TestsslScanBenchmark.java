package org.xenwbem.tests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwbem.tests.ChildDaemon;
import org.xenwbem.tests.DaemonFixture;
import org.xenwbem.tests.ExternalTool;
import org.xenwbem.tests.MiniJson;
import org.xenwbem.tests.WsmanCalls;

/**
 * testssl.sh (Debian's {@code testssl}) scans the running daemon on 127.0.0.1: protocols
 * ({@code -p}), cipher categories ({@code -s}), server defaults and the certificate ({@code -S}),
 * renegotiation ({@code -R}) and the known vulnerabilities ({@code -U}); forward secrecy follows
 * from ROBOT's finding that no suite uses RSA key transport ({@code -f} would add 18 s). Its JSON
 * must show TLS 1.2 and 1.3 only, no weak suite category, secure renegotiation without
 * client-initiated renegotiation, nothing of severity MEDIUM or worse but the self-signed
 * certificate's own findings, and a certificate whose CN is the one Xen_HostComputerSystem.CN
 * carries over WS-Man. It touches 127.0.0.1 only (checked once with strace): the address is given
 * (no name to resolve), {@code --nodns none} stops reverse and CAA lookups, {@code NXCONNECT}
 * points its probes of the local openssl at 127.0.0.1:0 instead of the name "invalid.", and
 * {@code --phone-out} (CRL and OCSP fetches) stays off. The findings go to
 * target/bench/testssl.txt. Skips without testssl unless XENWBEM_REQUIRE_CLIENTS=1.
 */
@Tag("benchmark")
class TestsslScanBenchmark {
    private static final String TESTSSL = "testssl";
    /**
     * The findings a host's own self-signed certificate always draws — the kind xapi issues itself and
     * the daemon generates: no chain to a public CA, no CRL or OCSP address, a ten-year life (clients
     * pin it; a public CA's 398-day limit is not theirs). Any other certificate finding counts.
     */
    private static final Set<String> SELF_SIGNED = Set.of("cert_chain_of_trust", "cert_revocation",
            "cert_validityPeriod");
    private static final Set<String> BAD = Set.of("MEDIUM", "HIGH", "CRITICAL");

    @TempDir
    Path dir;

    @Test
    void scanFindsOnlyStrongTls() throws Exception {
        ExternalTool.require(TESTSSL);
        // a JVM of its own, as in dom0: the JDK's TLS settings are the daemon's, not those of earlier tests
        try (ChildDaemon daemon = ChildDaemon.simulated(2, DaemonFixture.PASSWORD, "--sim-hosts", "1")) {
            long t0 = System.nanoTime();
            List<Map<String, Object>> findings = scan(daemon.port());
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
            findings.forEach(f -> byId.putIfAbsent((String) f.get("id"), f));
            report(findings, seconds);
            assertProtocols(byId);
            assertCiphers(byId);
            assertRenegotiation(byId);
            assertNoWeakFinding(findings);
            assertEquals(hostCn(daemon), finding(byId, "cert_commonName"), "the served certificate's CN");
        }
    }

    private List<Map<String, Object>> scan(int port) throws Exception {
        Path json = dir.resolve("testssl.json");
        List<String> command = List.of(TESTSSL, "--quiet", "--color", "0", "--warnings", "off", "--nodns", "none",
                "--connect-timeout", "5", "--openssl-timeout", "5", "--sneaky", "--jsonfile", json.toString(),
                "-p", "-s", "-S", "-R", "-U", "127.0.0.1:" + port);
        // testssl probes its openssl's options against NXCONNECT, by default the name "invalid.": a DNS query
        ExternalTool.Result r = ExternalTool.run(command, Map.of("NXCONNECT", "127.0.0.1:0"), dir,
                Duration.ofSeconds(240));
        assertTrue(Files.size(json) > 0, "testssl wrote no JSON: " + r);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : (List<?>) MiniJson.parse(Files.readString(json, StandardCharsets.UTF_8))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> f = (Map<String, Object>) o;
            out.add(f);
        }
        assertFalse(out.isEmpty(), "testssl found nothing: " + r);
        return out;
    }

    private static void report(List<Map<String, Object>> findings, double seconds) {
        BenchReport report = new BenchReport("testssl");
        report.print("testssl.scan_time", Math.round(seconds), "s");
        long bad = findings.stream().filter(f -> BAD.contains(f.get("severity"))).count();
        report.print("testssl.findings_medium_or_worse", bad, "findings");
        for (Map<String, Object> f : findings) {
            if (!"cert".equals(f.get("id"))) { // the certificate itself, base64
                String text = f.get("severity") + " " + f.get("finding");
                report.text("testssl." + f.get("id"), text.length() > 160 ? text.substring(0, 157) + "..." : text);
            }
        }
    }

    private static void assertProtocols(Map<String, Map<String, Object>> byId) {
        for (String old : List.of("SSLv2", "SSLv3", "TLS1", "TLS1_1")) {
            assertEquals("not offered", finding(byId, old), old);
        }
        assertTrue(finding(byId, "TLS1_2").startsWith("offered"), "TLS 1.2");
        assertTrue(finding(byId, "TLS1_3").startsWith("offered"), "TLS 1.3");
    }

    private static void assertCiphers(Map<String, Map<String, Object>> byId) {
        for (String weak : List.of("cipherlist_NULL", "cipherlist_aNULL", "cipherlist_EXPORT", "cipherlist_LOW",
                "cipherlist_3DES_IDEA", "cipherlist_AVERAGE")) {
            assertEquals("not offered", finding(byId, weak), weak);
        }
        assertTrue(finding(byId, "cipherlist_STRONG").startsWith("offered"), "strong AEAD suites");
        assertEquals("not vulnerable", finding(byId, "RC4").replaceAll(" \\(.*", ""), "RC4");
        // forward secrecy without -f (18 s more): ROBOT's check finds no suite with RSA key transport
        assertEquals("not vulnerable, no RSA key transport cipher", finding(byId, "ROBOT"), "only ECDHE suites");
    }

    private static void assertRenegotiation(Map<String, Map<String, Object>> byId) {
        assertTrue(finding(byId, "secure_renego").startsWith("supported"), "RFC 5746 secure renegotiation");
        assertTrue(finding(byId, "secure_client_renego").startsWith("not vulnerable"),
                "client-initiated renegotiation refused");
    }

    /** Nothing of severity MEDIUM or worse, but for the self-signed certificate's own findings. */
    private static void assertNoWeakFinding(List<Map<String, Object>> findings) {
        List<String> bad = new ArrayList<>();
        for (Map<String, Object> f : findings) {
            String id = (String) f.get("id");
            if (BAD.contains(f.get("severity")) && !SELF_SIGNED.contains(id)) {
                bad.add(id + " " + f.get("severity") + " " + f.get("finding"));
            }
        }
        assertTrue(bad.isEmpty(), "testssl flags: " + bad);
    }

    private static String finding(Map<String, Map<String, Object>> byId, String id) {
        Map<String, Object> f = byId.get(id);
        assertNotNull(f, "testssl reported no " + id + " (ids: " + byId.keySet() + ")");
        return String.valueOf(f.get("finding"));
    }

    /** Xen_HostComputerSystem.CN of the one host, as a WS-Man client reads it. */
    private static String hostCn(ChildDaemon daemon) throws Exception {
        String xml = new WsmanCalls(daemon.wsmanUrl()).enumerate("root", "Xen_HostComputerSystem", 10);
        String cn = WsmanCalls.value(xml, "CN");
        assertNotNull(cn, "no CN in " + xml);
        return cn;
    }
}
