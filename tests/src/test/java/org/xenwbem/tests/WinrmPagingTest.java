package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * winrm's MaxEnvelopeSize 512000 against a pool whose VMs do not fit in one envelope: with
 * OptimizeEnumeration and MaxElements 32000 the server must page by size (DSP0226 §6.2), every
 * response within 512000 octets in the request's encoding (UTF-16 holds about half as many items),
 * every VM exactly once, the last page ending the sequence without a context.
 */
class WinrmPagingTest {
    private static final String CS = DaemonFixture.P + "Xen_ComputerSystem";
    private static final int LIMIT = 512_000;
    private static DaemonFixture fx;
    private static HttpClient http;
    private static WinrmShapes winrm;

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture(300);
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
        SoapReply r = winrm.send(http, xml, contentType);
        assertEquals(200, r.status, r.toString());
        assertTrue(r.bytes.length <= LIMIT, "a response of " + r.bytes.length + " octets exceeds MaxEnvelopeSize");
        return r;
    }

    @ParameterizedTest
    @ValueSource(strings = {WinrmShapes.UTF8, WinrmShapes.UTF16})
    void pagesBySizeWithinMaxEnvelopeSize(String contentType) throws Exception {
        SoapReply page = send(winrm.enumerate(CS, WinrmShapes.upperUuid(), true), contentType);
        List<String> seen = new ArrayList<>(page.itemNames());
        int pages = 1;
        String ctx = page.text(SoapReply.WSEN, "EnumerationContext");
        while (ctx != null) {
            assertTrue(pages < 100, "the enumeration ends");
            assertFalse(page.has(SoapReply.WSMAN, "EndOfSequence") || page.has(SoapReply.WSEN, "EndOfSequence"),
                    "a page with a context does not end the sequence");
            page = send(winrm.pull(CS, WinrmShapes.upperUuid(), ctx), contentType);
            assertFalse(page.itemNames().isEmpty(), "every Pull page holds items");
            seen.addAll(page.itemNames());
            pages++;
            ctx = page.text(SoapReply.WSEN, "EnumerationContext");
        }
        assertTrue(page.has(SoapReply.WSMAN, "EndOfSequence") || page.has(SoapReply.WSEN, "EndOfSequence"),
                page.toString());
        assertTrue(pages >= 2, "300 VMs do not fit in 512000 octets, yet " + pages + " page(s) came");
        assertEquals(fx.systemVmUuids().size(), seen.size(), "every VM exactly once");
        assertEquals(new TreeSet<>(fx.systemVmUuids()), new TreeSet<>(seen));
        System.out.println("winrm MaxEnvelopeSize 512000, " + contentType + ": " + seen.size() + " VMs in " + pages + " pages");
    }
}
