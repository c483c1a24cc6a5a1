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
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.cimom.TestProviders;

/**
 * Option headers where the specifications put them, and mustUnderstand never accepted then ignored
 * (issue #17): the item-count estimate as a SOAP header on Enumerate and Pull (as openwsman's
 * {@code wsman enumerate -E} sends it), and a fault for each header, option, language or reply address
 * this service would not honour.
 */
class HeaderUnderstandingTest {
    private static final String P = WsmanServiceTest.P;
    private static final String CS = P + "Xen_ComputerSystem";
    private static final String BY_KEY = "<w:Selector Name=\"Name\">vm-1</w:Selector>";
    private static final String COUNT = "<w:RequestTotalItemsCountEstimate/>";
    private static final String COUNT_MU = "<w:RequestTotalItemsCountEstimate s:mustUnderstand=\"true\"/>";
    private WsmanService service;

    @BeforeEach
    void setUp() {
        ClassRepository classes = SchemaLoader.cimv2();
        List<CimInstance> vms = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            vms.add(CimInstance.builder(classes.get("Xen_ComputerSystem")).namespace("root/cimv2")
                    .set("CreationClassName", "Xen_ComputerSystem").set("Name", "vm-" + i).build());
        }
        service = new WsmanService(CimOperations.builder().namespace("root/cimv2", classes)
                .provider("root/cimv2", TestProviders.instances("Xen_ComputerSystem", vms)).build(),
                "test", 8, Duration.ofMinutes(1));
    }

    private String send(String action, String selectors, String headers, String body) {
        String xml = WsmanServiceTest.envelope(action, CS, selectors, headers, body);
        WsmanService.Response r = service.handle(xml.getBytes(StandardCharsets.UTF_8), "application/soap+xml;charset=UTF-8",
                new RequestContext("alice", "pool-admin", "127.0.0.1", "t"), "https://h:5989/wsman", false);
        return new String(r.body(), r.charset());
    }

    private static String header(String response) {
        return response.substring(response.indexOf("<s:Header>"), response.indexOf("</s:Header>"));
    }

    private static String context(String response) {
        Matcher m = Pattern.compile("<wsen:EnumerationContext>([^<]+)<").matcher(response);
        assertTrue(m.find(), response);
        return m.group(1);
    }

    private static void assertFault(String x, String subcode, String detail) {
        assertTrue(x.contains(":" + subcode + "<"), x);
        if (detail != null) {
            assertTrue(x.contains("faultDetail/" + detail + "<"), x);
        }
    }

    @Test
    void countEstimateAsAHeaderOnEnumerateAndPull() {
        for (String h : List.of(COUNT, COUNT_MU)) {
            String en = send(Ns.ACTION_ENUMERATE, null, h, "<n:Enumerate/>");
            assertTrue(header(en).contains("<wsman:TotalItemsCountEstimate>5</wsman:TotalItemsCountEstimate>"), en);
            String pull = send(Ns.ACTION_PULL, null, h, "<n:Pull><n:EnumerationContext>" + context(en)
                    + "</n:EnumerationContext><n:MaxElements>2</n:MaxElements></n:Pull>");
            assertTrue(pull.contains("PullResponse"), pull);
            assertTrue(header(pull).contains("<wsman:TotalItemsCountEstimate>5</wsman:TotalItemsCountEstimate>"), pull);
        }
    }

    @Test
    void countEstimateInTheBodyIsStillHonouredAndAbsentIsNotAnswered() {
        String body = send(Ns.ACTION_ENUMERATE, null, null, "<n:Enumerate>" + COUNT + "</n:Enumerate>");
        assertTrue(header(body).contains("<wsman:TotalItemsCountEstimate>5</wsman:TotalItemsCountEstimate>"), body);
        String none = send(Ns.ACTION_ENUMERATE, null, null, "<n:Enumerate/>");
        assertFalse(none.contains("TotalItemsCountEstimate"), none);
    }

    @Test
    void aMandatoryHeaderTheActionDoesNotActOnIsMustUnderstand() {
        String get = send(Ns.ACTION_GET, BY_KEY, COUNT_MU, "");
        assertTrue(get.contains("<s:Value>s:MustUnderstand</s:Value>"), get);
        String fragment = send(Ns.ACTION_ENUMERATE, null,
                "<w:FragmentTransfer s:mustUnderstand=\"true\">ElementName</w:FragmentTransfer>", "<n:Enumerate/>");
        assertTrue(fragment.contains("<s:Value>s:MustUnderstand</s:Value>"), fragment);
        String id = send(Ns.ACTION_GET, BY_KEY, "<e:Identifier xmlns:e=\"" + Ns.WSE + "\" s:mustUnderstand=\"true\">"
                + "uuid:1</e:Identifier>", "");
        assertTrue(id.contains("<s:Value>s:MustUnderstand</s:Value>"), id);
        String op = send(Ns.ACTION_GET, BY_KEY, "<p:OperationID xmlns:p=\"" + Ns.MSWSMAN + "\" s:mustUnderstand=\"true\">"
                + "uuid:2</p:OperationID>", "");
        assertTrue(op.contains("<s:Value>s:MustUnderstand</s:Value>"), op);
        String ignorable = send(Ns.ACTION_GET, BY_KEY, COUNT + "<p:OperationID xmlns:p=\"" + Ns.MSWSMAN
                + "\" s:mustUnderstand=\"false\">uuid:2</p:OperationID>", "");
        assertTrue(ignorable.contains("<p:Name>vm-1</p:Name>"), ignorable);
    }

    @Test
    void optionsThatMustBeCompliedWith() {
        String known = send(Ns.ACTION_GET, BY_KEY, "<w:OptionSet s:mustUnderstand=\"true\">"
                + "<w:Option Name=\"ExcludeNilProperties\">true</w:Option></w:OptionSet>", "");
        assertTrue(known.contains("<p:Name>vm-1</p:Name>") && !known.contains("xsi:nil"), known);
        String unknownInMandatorySet = send(Ns.ACTION_GET, BY_KEY, "<w:OptionSet s:mustUnderstand=\"true\">"
                + "<w:Option Name=\"ShowExtensions\">true</w:Option></w:OptionSet>", "");
        assertFault(unknownInMandatorySet, "InvalidOptions", "NotSupported");
        assertEquals(0x80338051L, WsmanServiceTest.wsmanCode(unknownInMandatorySet), unknownInMandatorySet);
        String mustComply = send(Ns.ACTION_GET, BY_KEY, "<w:OptionSet>"
                + "<w:Option Name=\"ShowExtensions\" MustComply=\"true\">true</w:Option></w:OptionSet>", "");
        assertFault(mustComply, "InvalidOptions", "NotSupported");
        String optional = send(Ns.ACTION_GET, BY_KEY, "<w:OptionSet>"
                + "<w:Option Name=\"ShowExtensions\">true</w:Option></w:OptionSet>", "");
        assertTrue(optional.contains("<p:Name>vm-1</p:Name>"), optional);
        String onPull = send(Ns.ACTION_ENUMERATE, null, "<w:OptionSet>"
                + "<w:Option Name=\"ExcludeNilProperties\" MustComply=\"true\">true</w:Option></w:OptionSet>",
                "<n:Enumerate/>");
        assertTrue(onPull.contains("EnumerateResponse"), "Enumerate acts on ExcludeNilProperties: " + onPull);
    }

    @Test
    void aMandatoryLocaleOtherThanEnglishIsUnsupported() {
        String de = send(Ns.ACTION_GET, BY_KEY, "<w:Locale xml:lang=\"de-DE\" s:mustUnderstand=\"true\"/>", "");
        assertFault(de, "UnsupportedFeature", "Locale");
        String data = send(Ns.ACTION_GET, BY_KEY, "<p:DataLocale xmlns:p=\"" + Ns.MSWSMAN
                + "\" xml:lang=\"fr-FR\" s:mustUnderstand=\"true\"/>", "");
        assertFault(data, "UnsupportedFeature", "DataLocale");
        for (String ok : List.of("<w:Locale xml:lang=\"en-US\" s:mustUnderstand=\"true\"/>",
                "<w:Locale xml:lang=\"de-DE\" s:mustUnderstand=\"false\"/>")) {
            String x = send(Ns.ACTION_GET, BY_KEY, ok, "");
            assertTrue(x.contains("<p:Name>vm-1</p:Name>"), x);
        }
    }

    @Test
    void repliesGoBackOnTheConnectionOnly() {
        String elsewhere = send(Ns.ACTION_GET, BY_KEY, "<a:ReplyTo><a:Address s:mustUnderstand=\"true\">"
                + "http://client.example/replies</a:Address></a:ReplyTo>", "");
        assertFault(elsewhere, "UnsupportedFeature", "AddressingMode");
        String faults = send(Ns.ACTION_GET, BY_KEY, "<a:FaultTo><a:Address>http://client.example/f</a:Address></a:FaultTo>", "");
        assertFault(faults, "UnsupportedFeature", "AddressingMode");
        for (String anon : List.of(Ns.ANONYMOUS, "http://www.w3.org/2005/08/addressing/anonymous")) {
            String x = send(Ns.ACTION_GET, BY_KEY, "<a:ReplyTo><a:Address s:mustUnderstand=\"true\">" + anon
                    + "</a:Address></a:ReplyTo>", "");
            assertTrue(x.contains("<p:Name>vm-1</p:Name>"), x);
        }
    }
}
