package org.xenwbem.provider.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.cimom.TestProviders;

/** The WS-Man endpoint in memory: requests as text, responses checked as text. */
class WsmanServiceTest {
    static final String P = "http://schemas.citrix.com/wbem/wscim/1/cim-schema/2/";
    private static final RequestContext ALICE = new RequestContext("alice", "pool-admin", "127.0.0.1", "t");
    private WsmanService service;

    @BeforeEach
    void setUp() {
        ClassRepository classes = SchemaLoader.cimv2();
        List<CimInstance> vms = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            vms.add(CimInstance.builder(classes.get("Xen_ComputerSystem")).namespace("root/cimv2")
                    .set("CreationClassName", "Xen_ComputerSystem").set("Name", "vm-" + i)
                    .set("ElementName", "VM <" + i + "> & co").set("EnabledState", 2L).build());
        }
        InstanceProvider p = TestProviders.instances("Xen_ComputerSystem", vms);
        CimOperations ops = CimOperations.builder().namespace("root/cimv2", classes).provider("root/cimv2", p).build();
        service = new WsmanService(ops, "test", 3, Duration.ofMinutes(1));
    }

    static String envelope(String action, String uri, String selectors, String extraHeaders, String body) {
        return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
                + " xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\""
                + " xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\"><s:Header>"
                + "<a:To>/wsman</a:To><a:MessageID>42</a:MessageID>"
                + "<a:Action s:mustUnderstand=\"true\">" + action + "</a:Action>"
                + (uri == null ? "" : "<w:ResourceURI>" + uri + "</w:ResourceURI>")
                + (selectors == null ? "" : "<w:SelectorSet>" + selectors + "</w:SelectorSet>")
                + (extraHeaders == null ? "" : extraHeaders)
                + "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    private WsmanService.Response send(String xml) {
        return service.handle(xml.getBytes(StandardCharsets.UTF_8), "application/soap+xml;charset=UTF-8", ALICE,
                "https://h:5989/wsman", false);
    }

    private static String text(WsmanService.Response r) {
        return new String(r.body(), r.charset());
    }

    @Test
    void getEchoesIntegerMessageIdAndEscapesValues() {
        WsmanService.Response r = send(envelope(Ns.ACTION_GET, P + "Xen_ComputerSystem",
                "<w:Selector Name=\"Name\">vm-1</w:Selector><w:Selector Name=\"CreationClassName\">Xen_ComputerSystem</w:Selector>",
                null, ""));
        String x = text(r);
        assertEquals(200, r.status(), x);
        assertTrue(x.contains("<wsa:RelatesTo>42</wsa:RelatesTo>"), x);
        assertTrue(x.contains("<p:ElementName>VM &lt;1&gt; &amp; co</p:ElementName>"), x);
        assertTrue(x.contains("xmlns:p=\"" + P + "Xen_ComputerSystem\""), x);
        assertFalse(x.contains("OperationID"), x);
    }

    /** A deadline already past is refused (a client retrying on TimedOut would repeat a method that ran). */
    @Test
    void aNonPositiveOperationTimeoutIsRefusedAndAHugeOneIsADay() {
        String get = "<w:Selector Name=\"Name\">vm-1</w:Selector>"
                + "<w:Selector Name=\"CreationClassName\">Xen_ComputerSystem</w:Selector>";
        for (String t : new String[] {"PT0S", "-PT5S"}) {
            String x = text(send(envelope(Ns.ACTION_GET, P + "Xen_ComputerSystem", get,
                    "<w:OperationTimeout>" + t + "</w:OperationTimeout>", "")));
            assertTrue(x.contains("SchemaValidationError") && x.contains("not a positive duration"), x);
        }
        WsmanService.Response r = send(envelope(Ns.ACTION_GET, P + "Xen_ComputerSystem", get,
                "<w:OperationTimeout>P200000D</w:OperationTimeout>", ""));
        assertEquals(200, r.status(), text(r));
    }

    @Test
    void unknownResourceUriIsDestinationUnreachableWithDetail() {
        String x = text(send(envelope(Ns.ACTION_GET, P + "Xen_NoSuchClass", "<w:Selector Name=\"Name\">x</w:Selector>", null, "")));
        assertTrue(x.contains("DestinationUnreachable"), x);
        assertTrue(x.contains("faultDetail/InvalidResourceURI"), x);
        assertTrue(x.contains("<wsa:Action>" + Ns.FAULT_WSA + "</wsa:Action>"), x);
        assertEquals(0x8033803BL, wsmanCode(x), "ERROR_WSMAN_INVALID_RESOURCE_URI: " + x);
    }

    @Test
    void missingAndUnexpectedSelectors() {
        String missing = text(send(envelope(Ns.ACTION_GET, P + "Xen_ComputerSystem",
                "<w:Selector Name=\"CreationClassName\">Xen_ComputerSystem</w:Selector>", null, "")));
        assertTrue(missing.contains("InvalidSelectors") && missing.contains("InsufficientSelectors"), missing);
        assertEquals(0x8033805AL, wsmanCode(missing), "ERROR_WSMAN_INSUFFCIENT_SELECTORS: " + missing);
        String unexpected = text(send(envelope(Ns.ACTION_GET, P + "Xen_ComputerSystem",
                "<w:Selector Name=\"Name\">vm-1</w:Selector><w:Selector Name=\"Bogus\">1</w:Selector>", null, "")));
        assertTrue(unexpected.contains("UnexpectedSelectors"), unexpected);
        assertEquals(0x8033805BL, wsmanCode(unexpected), "ERROR_WSMAN_UNEXPECTED_SELECTORS: " + unexpected);
    }

    @Test
    void optimizedEnumerateWithinMaxElementsEndsTheSequenceWithoutContext() {
        String x = text(send(envelope(Ns.ACTION_ENUMERATE, P + "Xen_ComputerSystem", null, null,
                "<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>32000</w:MaxElements></n:Enumerate>")));
        assertEquals(5, count(x, "<p:Xen_ComputerSystem "), x);
        assertTrue(x.contains("<wsman:EndOfSequence/>"), x);
        assertFalse(x.contains("EnumerationContext"), x);
    }

    @Test
    void pullPagesThenContextIsGone() {
        String first = text(send(envelope(Ns.ACTION_ENUMERATE, P + "Xen_ComputerSystem", null,
                null, "<n:Enumerate><w:EnumerationMode>EnumerateObjectAndEPR</w:EnumerationMode></n:Enumerate>")));
        String ctx = between(first, "<wsen:EnumerationContext>", "</wsen:EnumerationContext>");
        String pull = "<n:Pull><n:EnumerationContext>" + ctx + "</n:EnumerationContext><n:MaxElements>3</n:MaxElements></n:Pull>";
        String page1 = text(send(envelope(Ns.ACTION_PULL, P + "Xen_ComputerSystem", null, null, pull)));
        assertEquals(3, count(page1, "<wsman:Item>"), page1);
        assertTrue(page1.contains("<wsman:Selector Name=\"__cimnamespace\">root/cimv2</wsman:Selector>"), page1);
        String page2 = text(send(envelope(Ns.ACTION_PULL, P + "Xen_ComputerSystem", null, null, pull)));
        assertEquals(2, count(page2, "<wsman:Item>"), page2);
        assertTrue(page2.contains("<wsen:EndOfSequence/>") && !page2.contains("<wsen:EnumerationContext>"), page2);
        String again = text(send(envelope(Ns.ACTION_PULL, P + "Xen_ComputerSystem", null, null, pull)));
        assertTrue(again.contains("InvalidEnumerationContext"), again);
        assertEquals(0x8033801BL, wsmanCode(again), "ERROR_WSMAN_ENUMERATE_INVALID_ENUMERATION_CONTEXT: " + again);
    }

    @Test
    void releaseForgetsTheContextAndPullWithoutMaxElementsGivesOne() {
        String first = text(send(envelope(Ns.ACTION_ENUMERATE, P + "Xen_ComputerSystem", null, null, "<n:Enumerate/>")));
        String ctx = between(first, "<wsen:EnumerationContext>", "</wsen:EnumerationContext>");
        String pull = "<n:Pull><n:EnumerationContext>" + ctx + "</n:EnumerationContext></n:Pull>";
        String one = text(send(envelope(Ns.ACTION_PULL, P + "Xen_ComputerSystem", null, null, pull)));
        assertEquals(1, count(one, "<p:Xen_ComputerSystem "), one);
        String rel = text(send(envelope(Ns.ACTION_RELEASE, P + "Xen_ComputerSystem", null, null,
                "<n:Release><n:EnumerationContext>" + ctx + "</n:EnumerationContext></n:Release>")));
        assertTrue(rel.contains("ReleaseResponse"), rel);
        String after = text(send(envelope(Ns.ACTION_PULL, P + "Xen_ComputerSystem", null, null, pull)));
        assertTrue(after.contains("InvalidEnumerationContext"), after);
    }

    @Test
    void contextsAreBoundedPerUser() {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, send(envelope(Ns.ACTION_ENUMERATE, P + "Xen_ComputerSystem", null, null, "<n:Enumerate/>")).status());
        }
        String x = text(send(envelope(Ns.ACTION_ENUMERATE, P + "Xen_ComputerSystem", null, null, "<n:Enumerate/>")));
        assertTrue(x.contains("QuotaLimit"), x);
        assertEquals(0x8033803FL, wsmanCode(x), "ERROR_WSMAN_QUOTA_LIMIT: " + x);
    }

    @Test
    void contextOfAnotherUserIsInvalid() {
        String first = text(send(envelope(Ns.ACTION_ENUMERATE, P + "Xen_ComputerSystem", null, null, "<n:Enumerate/>")));
        String ctx = between(first, "<wsen:EnumerationContext>", "</wsen:EnumerationContext>");
        String pull = envelope(Ns.ACTION_PULL, P + "Xen_ComputerSystem", null, null,
                "<n:Pull><n:EnumerationContext>" + ctx + "</n:EnumerationContext></n:Pull>");
        WsmanService.Response r = service.handle(pull.getBytes(StandardCharsets.UTF_8), null,
                new RequestContext("mallory", "read-only", "10.0.0.9", "t"), "https://h/wsman", false);
        assertTrue(text(r).contains("InvalidEnumerationContext"), text(r));
    }

    @Test
    void smallMaxEnvelopeSizeIsEncodingLimit() {
        String x = text(send(envelope(Ns.ACTION_ENUMERATE, P + "Xen_ComputerSystem", null,
                "<w:MaxEnvelopeSize s:mustUnderstand=\"true\">4096</w:MaxEnvelopeSize>", "<n:Enumerate/>")));
        assertTrue(x.contains("EncodingLimit") && x.contains("MinimumEnvelopeLimit"), x);
        assertEquals(0x80338035L, wsmanCode(x), "ERROR_WSMAN_ENCODING_LIMIT: " + x);
    }

    @Test
    void unknownMustUnderstandHeaderFaults() {
        String x = text(send(envelope(Ns.ACTION_ENUMERATE, P + "Xen_ComputerSystem", null,
                "<x:Weird xmlns:x=\"urn:x\" s:mustUnderstand=\"true\">1</x:Weird>", "<n:Enumerate/>")));
        assertTrue(x.contains("<s:Value>s:MustUnderstand</s:Value>"), x);
        assertEquals(0x80338010L, wsmanCode(x), "ERROR_WSMAN_SOAP_FAULT_MUST_UNDERSTAND: " + x);
        String unqualified = text(send(envelope(Ns.ACTION_ENUMERATE, P + "Xen_ComputerSystem", null,
                "<x:Weird xmlns:x=\"urn:x\" mustUnderstand=\"true\">1</x:Weird>", "<n:Enumerate/>")));
        assertTrue(unqualified.contains("EnumerateResponse"), "an unqualified attribute is not SOAP's: " + unqualified);
    }

    @Test
    void unknownActionIsActionNotSupported() {
        String x = text(send(envelope("http://example.com/DoIt", P + "Xen_ComputerSystem", null, null, "")));
        assertTrue(x.contains("ActionNotSupported"), x);
        assertEquals(0x80338013L, wsmanCode(x), "ERROR_WSMAN_ACTION_NOT_SUPPORTED: " + x);
    }

    @Test
    void malformedAndDoctypeRequestsFault() {
        assertTrue(text(send("<s:Envelope")).contains("SchemaValidationError"));
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + envelope(Ns.ACTION_GET, "&x;", null, null, "");
        String x = text(send(xxe));
        assertTrue(x.contains("SchemaValidationError") && !x.contains("root:"), x);
    }

    @Test
    void utf16RequestGetsUtf16Response() {
        String xml = "<?xml version=\"1.0\" encoding=\"utf-16\"?>" + envelope(Ns.ACTION_GET, P + "Xen_ComputerSystem",
                "<w:Selector Name=\"Name\">vm-2</w:Selector><w:Selector Name=\"CreationClassName\">Xen_ComputerSystem</w:Selector>",
                null, "");
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_16); // big-endian with BOM
        WsmanService.Response r = service.handle(bytes, "application/soap+xml;charset=UTF-16", ALICE, "https://h/wsman", false);
        assertEquals(StandardCharsets.UTF_16, r.charset());
        assertTrue(new String(r.body(), StandardCharsets.UTF_16).contains("<p:Name>vm-2</p:Name>"));
    }

    @Test
    void anonymousIdentifyLeavesOutSecurityProfilesAndOnlyIdentifyIsAllowed() {
        String id = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>"
                + "<i:Identify xmlns:i=\"" + Ns.WSMID + "\"/></s:Body></s:Envelope>";
        WsmanService.Response anon = service.handle(id.getBytes(StandardCharsets.UTF_8), null, ALICE, "x", true);
        assertTrue(text(anon).contains("IdentifyResponse") && !text(anon).contains("SecurityProfiles"), text(anon));
        WsmanService.Response authed = service.handle(id.getBytes(StandardCharsets.UTF_8), null, ALICE, "x", false);
        assertTrue(text(authed).contains("secprofile/https/basic"), text(authed));
        WsmanService.Response sneaky = service.handle(envelope(Ns.ACTION_ENUMERATE, P + "Xen_ComputerSystem", null, null,
                "<n:Enumerate/>").getBytes(StandardCharsets.UTF_8), null, ALICE, "x", true);
        assertTrue(text(sneaky).contains("AccessDenied"), text(sneaky));
    }

    /** The WSManFault Code, as Windows' winerror.h numbers it (ERROR_WSMAN_*). */
    static long wsmanCode(String x) {
        Matcher m = Pattern.compile("<f:WSManFault xmlns:f=\"" + Pattern.quote(Ns.WSMANFAULT) + "\" Code=\"(\\d+)\"").matcher(x);
        assertTrue(m.find(), "a WSManFault with a Code: " + x);
        return Long.parseLong(m.group(1));
    }

    private static int count(String s, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String between(String s, String a, String b) {
        int i = s.indexOf(a) + a.length();
        return s.substring(i, s.indexOf(b, i));
    }
}
