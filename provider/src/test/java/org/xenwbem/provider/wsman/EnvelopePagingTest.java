package org.xenwbem.provider.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.cimom.TestProviders;

/**
 * Responses are paged within the envelope ceiling (DSP0226 §6.2, as Windows' MaxEnvelopeSizekb):
 * a huge MaxElements with no MaxEnvelopeSize gets one page and a context, a larger MaxEnvelopeSize is
 * held to the ceiling, an item that cannot fit is EncodingLimit, and a failed Enumerate releases its
 * context. Items are read lazily: a page reads only the providers it needs.
 */
class EnvelopePagingTest {
    static final String P = WsmanServiceTest.P;
    static final String DMTF = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/";
    private static final RequestContext READER = new RequestContext("reader", "read-only", "127.0.0.1", "t");
    private static final ClassRepository CLASSES = SchemaLoader.cimv2();
    private final AtomicInteger settingReads = new AtomicInteger();

    private WsmanService service(int vms, String bigName, int maxContexts, Long ceiling) {
        List<CimInstance> systems = new ArrayList<>();
        for (int i = 0; i < vms; i++) {
            systems.add(CimInstance.builder(CLASSES.get("Xen_ComputerSystem")).namespace("root/cimv2")
                    .set("CreationClassName", "Xen_ComputerSystem").set("Name", "vm-" + i)
                    .set("ElementName", i == 0 && bigName != null ? bigName : "a VM named " + i).build());
        }
        List<CimInstance> settings = List.of(CimInstance.builder(CLASSES.get("Xen_VirtualSystemSettingData"))
                .namespace("root/cimv2").set("InstanceID", "Xen:settings").build());
        InstanceProvider counted = new InstanceProvider() {
            @Override
            public String className() {
                return "Xen_VirtualSystemSettingData";
            }

            @Override
            public List<CimInstance> enumerate(RequestContext ctx) {
                settingReads.incrementAndGet();
                return settings;
            }
        };
        CimOperations ops = CimOperations.builder().namespace("root/cimv2", CLASSES)
                .provider("root/cimv2", TestProviders.instances("Xen_ComputerSystem", systems))
                .provider("root/cimv2", counted).build();
        return ceiling == null ? new WsmanService(ops, "test", maxContexts, Duration.ofMinutes(1))
                : new WsmanService(ops, "test", maxContexts, Duration.ofMinutes(1), ceiling);
    }

    private static WsmanService.Response send(WsmanService s, String xml) {
        return s.handle(xml.getBytes(StandardCharsets.UTF_8), "application/soap+xml;charset=UTF-8", READER,
                "https://h:5989/wsman", false);
    }

    private static String text(WsmanService.Response r) {
        return new String(r.body(), r.charset());
    }

    static String enumerate(String uri, String headers, String maxElements) {
        return WsmanServiceTest.envelope(Ns.ACTION_ENUMERATE, uri, null, headers,
                "<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>" + maxElements + "</w:MaxElements></n:Enumerate>");
    }

    static String pull(String uri, String ctx, String headers, String limits) {
        return WsmanServiceTest.envelope(Ns.ACTION_PULL, uri, null, headers,
                "<n:Pull><n:EnumerationContext>" + ctx + "</n:EnumerationContext>" + limits + "</n:Pull>");
    }

    private static String context(String x) {
        Matcher m = Pattern.compile("<wsen:EnumerationContext>([^<]+)</wsen:EnumerationContext>").matcher(x);
        return m.find() ? m.group(1) : null;
    }

    private static List<String> names(String x) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<p:(?:Name|InstanceID)>([^<]+)</p:").matcher(x);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void hugeMaxElementsWithoutMaxEnvelopeSizeIsPagedWithinTheDefaultCeilingAndPullsGetTheRest() {
        WsmanService s = service(4000, null, 64, null);
        assertEquals(512 * 1024, s.envelopeCeiling());
        WsmanService.Response first = send(s, enumerate(DMTF + "CIM_ManagedElement", null, "1000000"));
        String x = text(first);
        assertEquals(200, first.status(), x);
        assertTrue(first.body().length <= 512 * 1024, "the first page is " + first.body().length + " octets");
        assertFalse(x.contains("EndOfSequence"), "4,000 VMs do not fit in 512 KiB");
        Set<String> seen = new HashSet<>(names(x));
        int pages = 1;
        for (String ctx = context(x); ctx != null; ctx = context(x), pages++) {
            WsmanService.Response r = send(s, pull(DMTF + "CIM_ManagedElement", ctx, null,
                    "<n:MaxElements>1000000</n:MaxElements>"));
            x = text(r);
            assertEquals(200, r.status(), x);
            assertTrue(r.body().length <= 512 * 1024, "a page of " + r.body().length + " octets");
            for (String n : names(x)) {
                assertTrue(seen.add(n), "sent twice: " + n);
            }
        }
        assertTrue(x.contains("<wsen:EndOfSequence/>"), x);
        assertEquals(4001, seen.size(), "every VM and the setting, once");
        assertTrue(pages >= 2, "pages: " + pages);
        assertEquals(0, s.contexts().size(), "the last page released the context");
    }

    /**
     * Pages written into pooled buffers (issue #15): the same whole list twice, each response given
     * back as the HTTP layer does once written, gives the same items in the same pages, and the
     * buffers are back in the pool; a page with a name beyond Latin-1 is encoded right and its
     * character buffer is not kept (it would hold two bytes per character from then on).
     */
    @Test
    void pagesFromPooledBuffersAreTheSameEachTimeAndTheBuffersComeBack() {
        WsmanService s = service(1500, "VM \u00e9\u20ac\ud83d\ude00 \u65e5\u672c", 64, 65_536L);
        List<List<String>> first = wholeList(s);
        assertEquals(first, wholeList(s));
        assertTrue(first.size() > 3, "pages: " + first.size());
        assertTrue(first.get(0).contains("VM \u00e9\u20ac\ud83d\ude00 \u65e5\u672c"), first.get(0).toString());
        int[] pooled = s.pageBuffers().pooled();
        assertTrue(pooled[0] >= 1 && pooled[1] >= 1, "buffers back in the pool: " + Arrays.toString(pooled));
    }

    /** Each page's names (and the first page's ElementNames), every response released once read. */
    private static List<List<String>> wholeList(WsmanService s) {
        List<List<String>> pages = new ArrayList<>();
        WsmanService.Response r = send(s, enumerate(P + "Xen_ComputerSystem", null, "1000000"));
        while (true) {
            String x = text(r);
            r.release();
            assertEquals(200, r.status(), x);
            List<String> page = names(x);
            Matcher m = Pattern.compile("<p:ElementName>([^<]+)</p:ElementName>").matcher(x);
            if (pages.isEmpty() && m.find()) {
                page.add(m.group(1));
            }
            pages.add(page);
            String ctx = context(x);
            if (ctx == null) {
                return pages;
            }
            r = send(s, pull(P + "Xen_ComputerSystem", ctx, null, "<n:MaxElements>1000000</n:MaxElements>"));
        }
    }

    @Test
    void maxEnvelopeSizeAboveTheCeilingIsHeldToTheCeilingInEitherCharset() {
        WsmanService s = service(500, null, 64, 16_384L);
        String big = "<w:MaxEnvelopeSize s:mustUnderstand=\"true\">100000000</w:MaxEnvelopeSize>";
        WsmanService.Response r = send(s, enumerate(P + "Xen_ComputerSystem", big, "32000"));
        assertEquals(200, r.status(), text(r));
        assertTrue(r.body().length <= 16_384, "a response of " + r.body().length + " octets");
        assertTrue(names(text(r)).size() > 5, text(r));
        byte[] utf16 = ("<?xml version=\"1.0\" encoding=\"utf-16\"?>" + enumerate(P + "Xen_ComputerSystem", big, "32000"))
                .getBytes(StandardCharsets.UTF_16);
        WsmanService.Response wide = s.handle(utf16, "application/soap+xml;charset=UTF-16", READER, "https://h/wsman", false);
        assertEquals(200, wide.status(), text(wide));
        assertTrue(wide.body().length <= 16_384, "a UTF-16 response of " + wide.body().length + " octets");
    }

    @Test
    void anItemThatCannotFitIsEncodingLimitAndTheFailedEnumerateReleasesItsContext() {
        WsmanService s = service(3, "x".repeat(20_000), 2, 16_384L);
        assertEquals(200, send(s, WsmanServiceTest.envelope(Ns.ACTION_ENUMERATE, P + "Xen_ComputerSystem", null, null,
                "<n:Enumerate/>")).status(), "one context open: the user is one short of the limit");
        WsmanService.Response r = send(s, enumerate(P + "Xen_ComputerSystem", null, "10"));
        String x = text(r);
        assertTrue(x.contains("EncodingLimit") && x.contains("faultDetail/MaxEnvelopeSize"), x);
        assertEquals(0x80338035L, WinrmErrors.ENCODING_LIMIT, "the code Windows reports");
        assertTrue(x.contains("Code=\"" + WinrmErrors.ENCODING_LIMIT + "\""), x);
        assertEquals(1, s.contexts().size(), "the failed Enumerate's context is released");
        String another = text(send(s, WsmanServiceTest.envelope(Ns.ACTION_ENUMERATE, P + "Xen_ComputerSystem", null,
                null, "<n:Enumerate/>")));
        assertTrue(another.contains("EnumerateResponse"), "the user may still open their last context: " + another);
    }

    @Test
    void aPullThatCannotFitKeepsItsPlace() {
        WsmanService s = service(3, "y".repeat(5_000), 64, null);
        String ctx = context(text(send(s, WsmanServiceTest.envelope(Ns.ACTION_ENUMERATE, P + "Xen_ComputerSystem",
                null, null, "<n:Enumerate/>"))));
        String tooSmall = text(send(s, pull(P + "Xen_ComputerSystem", ctx, null,
                "<n:MaxElements>5</n:MaxElements><n:MaxCharacters>1000</n:MaxCharacters>")));
        assertTrue(tooSmall.contains("EncodingLimit") && tooSmall.contains("faultDetail/MaxCharacters"), tooSmall);
        String page = text(send(s, pull(P + "Xen_ComputerSystem", ctx, null, "<n:MaxElements>5</n:MaxElements>")));
        assertEquals(List.of("vm-0", "vm-1", "vm-2"), names(page), page);
        assertTrue(page.contains("<wsen:EndOfSequence/>"), page);
    }

    @Test
    void aPageReadsOnlyTheProvidersItNeeds() {
        WsmanService s = service(10, null, 64, null);
        String x = text(send(s, enumerate(DMTF + "CIM_ManagedElement", null, "3")));
        assertEquals(3, names(x).size(), x);
        assertEquals(0, settingReads.get(), "the settings provider is read only when its turn comes");
        String rest = text(send(s, pull(DMTF + "CIM_ManagedElement", context(x), null,
                "<n:MaxElements>100</n:MaxElements>")));
        assertEquals(8, names(rest).size(), rest);
        assertEquals(1, settingReads.get());
    }

    @Test
    void anEnumerateThatFaultsAfterItsPageReleasesItsContext() {
        WsmanService s = service(50, null, 64, null);
        String x = text(send(s, enumerate(P + "Xen_ComputerSystem",
                "<w:OperationTimeout>PT0.000001S</w:OperationTimeout>", "5")));
        assertTrue(x.contains("TimedOut"), x);
        assertEquals(0, s.contexts().size(), "the client never learnt of the context");
        String bad = text(send(s, enumerate(P + "Xen_ComputerSystem", null, "many")));
        assertTrue(bad.contains("SchemaValidationError"), bad);
        assertEquals(0, s.contexts().size(), "a bad MaxElements opens no context");
    }
}
