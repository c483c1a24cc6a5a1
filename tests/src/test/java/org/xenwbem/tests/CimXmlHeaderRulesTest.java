package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #17: DSP0200's rules for the CIM-XML extension headers, through HTTPS against the daemon.
 * A bad %-escape in CIMObject used to answer 500 with the exception text (and log a stack trace);
 * CIMProtocolVersion 9.9, missing CIMMethod/CIMObject and any Content-Type were accepted.
 */
class CimXmlHeaderRulesTest {
    private static DaemonFixture fx;
    private static HttpClient http;
    private ListAppender<ILoggingEvent> logs;

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture(2);
        http = RawHttps.client();
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @BeforeEach
    void capture() {
        logs = RawSockets.captureLog();
    }

    @AfterEach
    void noStackTraces() {
        try {
            assertEquals(List.of(), RawSockets.stackTraces(logs), "client mistakes are not stack traces");
        } finally {
            RawSockets.stopCapture(logs);
        }
    }

    private static String body(String cimVersion, String protocolVersion) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><CIM CIMVERSION=\"" + cimVersion + "\" DTDVERSION=\"2.0\">"
                + "<MESSAGE ID=\"4711\" PROTOCOLVERSION=\"" + protocolVersion + "\"><SIMPLEREQ>"
                + "<IMETHODCALL NAME=\"EnumerateClassNames\"><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/>"
                + "<NAMESPACE NAME=\"cimv2\"/></LOCALNAMESPACEPATH></IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>";
    }

    /** A request as wbemcli sends it, with headers replaced ({@code null} value: left out). */
    private static HttpResponse<String> send(String method, String body, String... headers) throws Exception {
        java.util.Map<String, String> h = new java.util.LinkedHashMap<>();
        h.put("Content-Type", "application/xml; charset=\"utf-8\"");
        h.put("CIMOperation", "MethodCall");
        h.put("CIMMethod", "EnumerateClassNames");
        h.put("CIMObject", "root%2Fcimv2");
        h.put("CIMProtocolVersion", "1.0");
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + fx.port() + "/cimom"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", RawHttps.basic("root", DaemonFixture.PASSWORD))
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        h.forEach((k, v) -> {
            if (v != null) {
                b.header(k, v);
            }
        });
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String... headers) throws Exception {
        return send("POST", body("2.0", "1.0"), headers);
    }

    private static void assertRefused(HttpResponse<String> r, int status, String cimError) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(cimError == null ? "" : cimError, r.headers().firstValue("CIMError").orElse(""), r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("java.") || r.body().contains("<html"), r.body());
    }

    @Test
    void aBadPercentEscapeInCimObjectIs400HeaderMismatch() throws Exception {
        for (String object : List.of("root%zzcimv2", "root%2Fcimv2%", "root%2", "root%C3%28cimv2")) {
            assertRefused(post("CIMObject", object), 400, "header-mismatch");
        }
    }

    @Test
    void anUnsupportedProtocolVersionIs501() throws Exception {
        assertRefused(post("CIMProtocolVersion", "9.9"), 501, "unsupported-protocol-version");
        assertRefused(send("POST", body("2.0", "9.9")), 501, "unsupported-protocol-version");
        assertEquals(200, post("CIMProtocolVersion", "1.1").statusCode(), "minor versions are compatible");
    }

    @Test
    void unsupportedCimAndDtdVersionsAre501() throws Exception {
        assertRefused(send("POST", body("3.0", "1.0")), 501, "unsupported-cim-version");
        assertRefused(send("POST", body("2.0", "1.0").replace("DTDVERSION=\"2.0\"", "DTDVERSION=\"7.1\"")), 501,
                "unsupported-dtd-version");
    }

    @Test
    void missingCimMethodOrCimObjectIs400HeaderMismatch() throws Exception {
        assertRefused(post("CIMMethod", null), 400, "header-mismatch");
        assertRefused(post("CIMObject", null), 400, "header-mismatch");
        assertRefused(post("CIMMethod", " "), 400, "header-mismatch");
    }

    @Test
    void aBatchIs501MultipleRequestsUnsupported() throws Exception {
        assertRefused(post("CIMBatch", ""), 501, "multiple-requests-unsupported");
    }

    @Test
    void aMediaTypeOtherThanXmlIs415() throws Exception {
        assertRefused(post("Content-Type", "text/plain"), 415, null);
        assertRefused(post("Content-Type", "application/soap+xml;charset=UTF-8"), 415, null);
        assertEquals(200, post("Content-Type", "text/xml; charset=utf-8").statusCode());
        assertEquals(200, post("Content-Type", "Application/XML").statusCode());
    }

    @Test
    void anMPostWithItsManPrefixIsServed() throws Exception {
        HttpResponse<String> r = send("M-POST", body("2.0", "1.0"), "CIMOperation", null, "CIMMethod", null,
                "CIMObject", null, "CIMProtocolVersion", null,
                "Man", "http://www.dmtf.org/cim/mapping/http/v1.0;ns=73", "73-CIMOperation", "MethodCall",
                "73-CIMMethod", "EnumerateClassNames", "73-CIMObject", "root%2Fcimv2", "73-CIMProtocolVersion", "1.0");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("IMETHODRESPONSE NAME=\"EnumerateClassNames\""), r.body());
    }

    @Test
    void refusalsAreOneAccessLineEach() throws Exception {
        post("CIMObject", "root%zzcimv2");
        List<String> lines = RawSockets.awaitLines(logs, "cimxml - user=root", 1);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("INFO") && lines.get(0).contains("CIMObject header is not valid"), lines.get(0));
    }
}
