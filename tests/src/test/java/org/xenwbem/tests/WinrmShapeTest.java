package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What Microsoft's WinRM client (and so SCVMM) sends, replayed as raw HTTPS requests in UTF-8 and
 * in UTF-16LE with BOM and declaration (MS-WSMV §2.2.9.1): the answer is in the request's charset,
 * RelatesTo is the MessageID verbatim, OperationID/SequenceId are never echoed (§3.1.4.1.39), and
 * the last page carries EndOfSequence without a context.
 */
class WinrmShapeTest {
    private static final String CS = DaemonFixture.P + "Xen_ComputerSystem";
    private static DaemonFixture fx;
    private static HttpClient http;
    private static WinrmShapes winrm;

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture(7);
        http = RawHttps.client();
        winrm = new WinrmShapes(fx.wsmanUrl());
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private static SoapReply send(String xml, String contentType) throws Exception {
        return winrm.send(http, xml, contentType);
    }

    private static String charsetOf(String contentType) {
        return contentType.substring(contentType.indexOf("charset=") + 8);
    }

    /** The response checks every winrm exchange shares. */
    private static void assertWinrmShaped(SoapReply r, String contentType, String messageId) {
        assertTrue(r.contentType.startsWith("application/soap+xml"), r.toString());
        assertEquals(charsetOf(contentType), r.charset(), "the answer is in the request's charset: " + r.contentType);
        if (charsetOf(contentType).equals("UTF-16")) {
            boolean bom = (r.bytes[0] & 0xFF) == 0xFE && (r.bytes[1] & 0xFF) == 0xFF
                    || (r.bytes[0] & 0xFF) == 0xFF && (r.bytes[1] & 0xFF) == 0xFE;
            assertTrue(bom, "a UTF-16 answer starts with a byte order mark");
        }
        if (messageId != null) {
            assertEquals(messageId, r.text(SoapReply.WSA, "RelatesTo"), "RelatesTo is the MessageID verbatim");
        }
        List<String> headers = r.headerNames();
        assertFalse(headers.contains("OperationID"), "OperationID must not be echoed: " + headers);
        assertFalse(headers.contains("SequenceId") || headers.contains("SequenceID"), "no SequenceId: " + headers);
        assertFalse(r.has(SoapReply.MSWSMAN, "OperationID"), r.toString());
    }

    private static TreeSet<String> namesOf(List<SoapReply> pages) {
        TreeSet<String> out = new TreeSet<>();
        for (SoapReply p : pages) {
            out.addAll(p.itemNames());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {WinrmShapes.UTF8, WinrmShapes.UTF16})
    void identify(String contentType) throws Exception {
        SoapReply r = send(WinrmShapes.identify(), contentType);
        assertEquals(200, r.status, r.toString());
        assertWinrmShaped(r, contentType, null);
        assertTrue(r.text(SoapReply.WSMID, "ProductVendor").contains("Citrix"), "SCVMM looks for Citrix: " + r);
        assertEquals("http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/https/basic",
                r.text(SoapReply.WSMID, "SecurityProfileName"), r.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {WinrmShapes.UTF8, WinrmShapes.UTF16})
    void optimizedEnumerateAnswersEverythingAtOnce(String contentType) throws Exception {
        String mid = WinrmShapes.upperUuid();
        SoapReply r = send(winrm.enumerate(CS, mid, true), contentType);
        assertEquals(200, r.status, r.toString());
        assertWinrmShaped(r, contentType, mid);
        assertTrue(r.has(SoapReply.WSMAN, "EndOfSequence"), r.toString());
        assertFalse(r.has(SoapReply.WSEN, "EnumerationContext"), "EndOfSequence comes without a context: " + r);
        assertEquals(new TreeSet<>(fx.systemVmUuids()), namesOf(List.of(r)));
    }

    @ParameterizedTest
    @ValueSource(strings = {WinrmShapes.UTF8, WinrmShapes.UTF16})
    void enumerateThenPullWithMaxElements32000(String contentType) throws Exception {
        String mid = WinrmShapes.upperUuid();
        SoapReply e = send(winrm.enumerate(CS, mid, false), contentType);
        assertEquals(200, e.status, e.toString());
        assertWinrmShaped(e, contentType, mid);
        String ctx = e.text(SoapReply.WSEN, "EnumerationContext");
        assertNotNull(ctx, "a plain Enumerate answers a context only: " + e);
        List<SoapReply> pages = new ArrayList<>();
        for (int i = 0; ctx != null; i++) {
            assertTrue(i < 5, "MaxElements 32000 needs one Pull");
            String pm = WinrmShapes.upperUuid();
            SoapReply p = send(winrm.pull(CS, pm, ctx), contentType);
            assertEquals(200, p.status, p.toString());
            assertWinrmShaped(p, contentType, pm);
            pages.add(p);
            ctx = p.text(SoapReply.WSEN, "EnumerationContext");
        }
        assertEquals(1, pages.size());
        assertTrue(pages.get(0).has(SoapReply.WSEN, "EndOfSequence"), pages.get(0).toString());
        assertEquals(new TreeSet<>(fx.systemVmUuids()), namesOf(pages));
    }

    /** A non-ASCII name round-trips in both encodings (the UTF-16 path must not go through a String twice, P8). */
    @ParameterizedTest
    @ValueSource(strings = {WinrmShapes.UTF8, WinrmShapes.UTF16})
    void getCarriesNonAsciiNames(String contentType) throws Exception {
        String vm = fx.systemVmUuids().get(contentType.endsWith("UTF-16") ? 1 : 2);
        String label = "Prüfung-仮想マシン-\uD83D\uDE00-" + charsetOf(contentType);
        fx.sim().renameVm(vm, label);
        Map<String, String> selectors = new LinkedHashMap<>();
        selectors.put("CreationClassName", "Xen_ComputerSystem");
        selectors.put("Name", vm);
        SoapReply r = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            String mid = WinrmShapes.upperUuid();
            r = send(winrm.get(CS, mid, selectors), contentType);
            assertEquals(200, r.status, r.toString());
            assertWinrmShaped(r, contentType, mid);
            if (r.texts("ElementName").contains(label)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the renamed VM never read back as " + label + ": " + r);
    }

    @ParameterizedTest
    @ValueSource(strings = {WinrmShapes.UTF8, WinrmShapes.UTF16})
    void releasedContextIsInvalid(String contentType) throws Exception {
        SoapReply e = send(winrm.enumerate(CS, WinrmShapes.upperUuid(), false), contentType);
        String ctx = e.text(SoapReply.WSEN, "EnumerationContext");
        String rm = WinrmShapes.upperUuid();
        SoapReply rel = send(winrm.release(CS, rm, ctx), contentType);
        assertEquals(200, rel.status, rel.toString());
        assertWinrmShaped(rel, contentType, rm);
        String pm = WinrmShapes.upperUuid();
        SoapReply p = send(winrm.pull(CS, pm, ctx), contentType);
        assertTrue(p.isFault(), p.toString());
        assertWinrmShaped(p, contentType, pm);
        assertEquals("InvalidEnumerationContext", p.faultSubcode(), p.toString());
        assertEquals(SoapReply.WSEN, p.faultSubcodeNamespace(), p.toString());
    }
}
