package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile WS-Man input through HTTPS (issue #5): XXE, billion laughs, 10,000-deep nesting, a
 * truncated UTF-16 body, a bogus enumeration context, invalid selectors. Each gets a SOAP fault,
 * quickly; afterwards the daemon still answers Identify and its heap has not grown without bound.
 * (The 20 MB body → 413 is in {@link HttpLayerTest}.)
 */
class HostileInputTest {
    private static final String CS = DaemonFixture.P + "Xen_ComputerSystem";
    private static DaemonFixture fx;
    private static HttpClient http;
    private static WinrmShapes winrm;
    private static long heapBefore;

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture(5);
        http = RawHttps.client();
        winrm = new WinrmShapes(fx.wsmanUrl());
        heapBefore = usedHeapAfterGc();
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @AfterEach
    void daemonStillHealthy() throws Exception {
        SoapReply r = send(WinrmShapes.identify().getBytes(StandardCharsets.UTF_8), WinrmShapes.UTF8);
        assertEquals(200, r.status, "Identify after hostile input: " + r);
        assertTrue(r.has(SoapReply.WSMID, "IdentifyResponse"), r.toString());
    }

    private static SoapReply send(byte[] body, String contentType) throws Exception {
        return SoapReply.of(RawHttps.send(http, RawHttps.post(fx.wsmanUrl(), body, contentType)));
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** A fault as clients need it: SOAP 1.2 Fault, application/soap+xml, HTTP 400 or 500, never a stack trace. */
    private static SoapReply assertFault(SoapReply r) {
        assertTrue(r.status == 500 || r.status == 400, r.toString());
        assertTrue(r.contentType.startsWith("application/soap+xml"), r.toString());
        assertTrue(r.isFault(), r.toString());
        assertTrue(r.has(SoapReply.WSMANFAULT, "WSManFault"), "a WSManFault detail: " + r);
        String text = r.toString();
        assertFalse(text.contains("\tat ") || text.contains("Exception:"), "no stack trace in a fault: " + r);
        return r;
    }

    private static String withDoctype(String doctype, String messageId) {
        String env = winrm.get(CS, messageId, Map.of("CreationClassName", "Xen_ComputerSystem", "Name", "x"));
        return "<?xml version=\"1.0\"?>" + doctype + env;
    }

    @Test
    void externalEntityIsRefused() throws Exception {
        String xml = withDoctype("<!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>", "&xxe;");
        SoapReply r = assertFault(send(xml.getBytes(StandardCharsets.UTF_8), WinrmShapes.UTF8));
        assertFalse(r.toString().contains("root:"), "file contents must not leak: " + r);
        String external = withDoctype("<!DOCTYPE s:Envelope SYSTEM \"http://127.0.0.1:9/evil.dtd\">", "uuid:X");
        assertFault(send(external.getBytes(StandardCharsets.UTF_8), WinrmShapes.UTF8));
    }

    private static String billionLaughs() {
        StringBuilder d = new StringBuilder("<!DOCTYPE s:Envelope [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            d.append("<!ENTITY lol").append(i).append(" \"");
            d.append(("&lol" + (i - 1) + ";").repeat(10));
            d.append("\">");
        }
        return withDoctype(d.append("]>").toString(), "&lol9;");
    }

    @Test
    void billionLaughsIsRefusedQuickly() throws Exception {
        long t0 = System.nanoTime();
        assertFault(send(billionLaughs().getBytes(StandardCharsets.UTF_8), WinrmShapes.UTF8));
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "refused without expanding");
    }

    private static String deeplyNested(int depth) {
        String env = winrm.enumerate(CS, WinrmShapes.upperUuid(), false);
        String inner = "<x>".repeat(depth) + "</x>".repeat(depth);
        return env.replace("<n:Enumerate/>", "<n:Enumerate>" + inner + "</n:Enumerate>");
    }

    @Test
    void tenThousandDeepNestingIsAFault() throws Exception {
        assertFault(send(deeplyNested(10_000).getBytes(StandardCharsets.UTF_8), WinrmShapes.UTF8));
    }

    @Test
    void truncatedUtf16BodyIsAFault() throws Exception {
        byte[] whole = WinrmShapes.encode(winrm.enumerate(CS, WinrmShapes.upperUuid(), true), WinrmShapes.UTF16);
        byte[] cut = Arrays.copyOf(whole, whole.length / 2 + 1); // mid-document and mid-code-unit
        SoapReply r = assertFault(send(cut, WinrmShapes.UTF16));
        assertEquals("UTF-16", r.charset(), "the fault is in the request's charset");
    }

    @Test
    void garbageAndEmptyBodiesAreFaults() throws Exception {
        assertFault(send(new byte[] {0, 1, 2, (byte) 0xFF, (byte) 0xFE, 60, 0}, WinrmShapes.UTF8));
        assertFault(send(new byte[0], WinrmShapes.UTF8));
    }

    @Test
    void bogusEnumerationContextIsInvalidEnumerationContext() throws Exception {
        String mid = WinrmShapes.upperUuid();
        SoapReply r = assertFault(send(winrm.pull(CS, mid, "uuid:00000000-0000-0000-0000-000000000000")
                .getBytes(StandardCharsets.UTF_8), WinrmShapes.UTF8));
        assertEquals("InvalidEnumerationContext", r.faultSubcode(), r.toString());
        assertEquals(mid, r.text(SoapReply.WSA, "RelatesTo"), r.toString());
        SoapReply huge = assertFault(send(winrm.pull(CS, WinrmShapes.upperUuid(), "x".repeat(200_000))
                .getBytes(StandardCharsets.UTF_8), WinrmShapes.UTF8));
        assertEquals("InvalidEnumerationContext", huge.faultSubcode(), huge.toString());
    }

    @Test
    void invalidSelectorsAreInvalidSelectors() throws Exception {
        SoapReply unexpected = assertFault(send(winrm.get(CS, WinrmShapes.upperUuid(),
                Map.of("CreationClassName", "Xen_ComputerSystem", "Name", fx.systemVmUuids().get(0), "Bogus", "1"))
                .getBytes(StandardCharsets.UTF_8), WinrmShapes.UTF8));
        assertEquals("InvalidSelectors", unexpected.faultSubcode(), unexpected.toString());
        assertEquals("http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/UnexpectedSelectors",
                unexpected.faultDetail(), unexpected.toString());
        SoapReply none = assertFault(send(winrm.get(CS, WinrmShapes.upperUuid(), Map.of())
                .getBytes(StandardCharsets.UTF_8), WinrmShapes.UTF8));
        assertEquals("InvalidSelectors", none.faultSubcode(), none.toString());
        assertEquals("http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/InsufficientSelectors",
                none.faultDetail(), none.toString());
    }

    /** The expensive hostile inputs, 30 times each: the heap returns to where it was. */
    @Test
    void repeatedHostileInputKeepsMemoryBounded() throws Exception {
        byte[] laughs = billionLaughs().getBytes(StandardCharsets.UTF_8);
        byte[] deep = deeplyNested(10_000).getBytes(StandardCharsets.UTF_8);
        byte[] wideDeep = deeplyNested(100).replace("<x>", "<x a=\"" + "y".repeat(30_000) + "\">")
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 30; i++) {
            assertFault(send(laughs, WinrmShapes.UTF8));
            assertFault(send(deep, WinrmShapes.UTF8));
            assertFault(send(wideDeep, WinrmShapes.UTF8));
        }
        long grown = usedHeapAfterGc() - heapBefore;
        System.out.println("hostile input: heap growth after 90 requests " + grown / (1024 * 1024) + " MiB");
        assertTrue(grown < 128L * 1024 * 1024, "heap grew by " + grown / (1024 * 1024) + " MiB");
    }
}
