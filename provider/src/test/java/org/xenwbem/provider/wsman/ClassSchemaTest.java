package org.xenwbem.provider.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.RequestContext;

/**
 * Class definitions over WS-Man, in memory: MS-WSMV's CIM-XML GetClass (Get on the cim-xml URI)
 * and openwsman's intrinsic GetClass / EnumerateClassNames, against golden request/response files.
 */
class ClassSchemaTest {
    private static final RequestContext ALICE = new RequestContext("alice", "pool-admin", "127.0.0.1", "t");
    private static final String CIM_XML = ClassSchemaUris.CIM_XML;
    private static final String INTRINSIC = ClassSchemaUris.INTRINSIC;
    private ClassRepository classes;
    private WsmanService service;

    @BeforeEach
    void setUp() {
        classes = SchemaLoader.cimv2();
        CimOperations ops = CimOperations.builder().namespace("root/cimv2", classes).build();
        service = new WsmanService(ops, "test", 3, Duration.ofMinutes(1));
    }

    private String send(String xml, int status) {
        WsmanService.Response r = service.handle(xml.getBytes(StandardCharsets.UTF_8),
                "application/soap+xml;charset=UTF-8", ALICE, "https://h:5989/wsman", false);
        String text = new String(r.body(), r.charset());
        assertEquals(status, r.status(), text);
        return text;
    }

    private static String envelope(String action, String uri, String selectors, String options) {
        return WsmanServiceTest.envelope(action, uri, selectors,
                options == null ? null : "<w:OptionSet>" + options + "</w:OptionSet>", "");
    }

    private static String sel(String name, String value) {
        return "<w:Selector Name=\"" + name + "\">" + value + "</w:Selector>";
    }

    /** The golden files hold whole envelopes; only the response's own MessageID differs per run. */
    static String normalize(String xml) {
        return xml.replaceAll("<wsa:MessageID>uuid:[0-9a-f-]+</wsa:MessageID>", "<wsa:MessageID>uuid:*</wsa:MessageID>");
    }

    static String golden(String name) throws IOException {
        try (InputStream in = ClassSchemaTest.class.getResourceAsStream("golden/" + name)) {
            if (in == null) {
                throw new IOException("no golden file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    /** Compares with the golden response; with -Dxenwbem.golden.write=DIR writes the actual one there instead. */
    private void assertGolden(String requestFile, String responseFile) throws IOException {
        String actual = normalize(send(golden(requestFile), 200));
        String dir = System.getProperty("xenwbem.golden.write");
        if (dir != null) {
            Files.writeString(Path.of(dir, responseFile), actual + "\n");
            return;
        }
        assertEquals(golden(responseFile), actual);
    }

    @Test
    void cimXmlGetClassGolden() throws IOException {
        assertGolden("getclass-cimxml.request.xml", "getclass-cimxml.response.xml");
    }

    @Test
    void intrinsicGetClassGolden() throws IOException {
        assertGolden("getclass-intrinsic.request.xml", "getclass-intrinsic.response.xml");
    }

    @Test
    void cimXmlGetClassCarriesInheritedMembersMethodsAndParameters() {
        String x = send(envelope(Ns.ACTION_GET, CIM_XML + "*",
                sel("__cimnamespace", "root/cimv2") + sel("ClassName", "Xen_ComputerSystem"), null), 200);
        assertTrue(x.contains("<wsa:Action>" + Ns.WXF + "/GetResponse</wsa:Action>"), x);
        assertTrue(x.contains("<CLASS NAME=\"Xen_ComputerSystem\" SUPERCLASS=\"CIM_ComputerSystem\">"), x);
        assertTrue(x.contains("<PROPERTY NAME=\"InstanceID\" TYPE=\"string\""), "inherited by default: " + x);
        assertTrue(x.contains("<METHOD NAME=\"RequestStateChange\" TYPE=\"uint32\">"), x);
        assertTrue(x.contains("<PARAMETER NAME=\"RequestedState\" TYPE=\"uint16\">"), x);
        assertTrue(x.contains("<PARAMETER.REFERENCE NAME=\"Job\" REFERENCECLASS=\"CIM_ConcreteJob\">"), x);
        assertTrue(x.contains("<QUALIFIER NAME=\"Key\" TYPE=\"boolean\""), x);
    }

    @Test
    void cimXmlGetClassHonoursItsOptions() {
        String opts = "<w:Option Name=\"IncludeInheritedElements\" Type=\"xs:boolean\">false</w:Option>"
                + "<w:Option Name=\"IncludeQualifiers\" Type=\"xs:boolean\">false</w:Option>";
        String x = send(envelope(Ns.ACTION_GET, CIM_XML + "Xen_KVP", null, opts), 200);
        assertTrue(x.contains("<PROPERTY NAME=\"Key\" TYPE=\"string\""), x);
        assertFalse(x.contains("NAME=\"InstanceID\""), x);
        assertFalse(x.contains("<QUALIFIER"), x);
        String bad = send(envelope(Ns.ACTION_GET, CIM_XML + "Xen_KVP", null,
                "<w:Option Name=\"IncludeQualifiers\">maybe</w:Option>"), 500);
        assertTrue(bad.contains("InvalidParameter"), bad);
    }

    @Test
    void cimXmlGetClassFaults() {
        String unknown = send(envelope(Ns.ACTION_GET, CIM_XML + "*", sel("ClassName", "Xen_NoSuchClass"), null), 500);
        assertTrue(unknown.contains("sub:DestinationUnreachable"), unknown);
        String ns = send(envelope(Ns.ACTION_GET, CIM_XML + "*",
                sel("__cimnamespace", "root/nowhere") + sel("ClassName", "Xen_KVP"), null), 500);
        assertTrue(ns.contains("sub:DestinationUnreachable") && ns.contains("root/nowhere"), ns);
        String missing = send(envelope(Ns.ACTION_GET, CIM_XML + "*", sel("__cimnamespace", "root/cimv2"), null), 500);
        assertTrue(missing.contains("sub:InvalidSelectors") && missing.contains("InsufficientSelectors"), missing);
        String extra = send(envelope(Ns.ACTION_GET, CIM_XML + "*", sel("ClassName", "Xen_KVP") + sel("Name", "x"), null),
                500);
        assertTrue(extra.contains("UnexpectedSelectors"), extra);
        String junk = send(envelope(Ns.ACTION_GET, CIM_XML + "*", sel("ClassName", "Xen KVP&lt;"), null), 500);
        assertTrue(junk.contains("sub:InvalidSelectors") && junk.contains("InvalidValue"), junk);
    }

    @Test
    void intrinsicGetClassHasPropertiesMethodsAndParameters() {
        String uri = INTRINSIC + "/Xen_ComputerSystem";
        String x = send(envelope(uri + "/GetClass", uri, sel("__cimnamespace", "root/cimv2"), null), 200);
        assertTrue(x.contains("<wsa:Action>" + uri + "/GetClassResponse</wsa:Action>"), x);
        assertTrue(x.contains("<n1:GetClass xmlns:n1=\"" + uri + "\"><n1:name>Xen_ComputerSystem</n1:name>"
                + "<n1:superclass>CIM_ComputerSystem</n1:superclass>"), x);
        assertTrue(x.contains("<n1:property><n1:name>AvailableRequestedStates</n1:name>"
                + "<n1:type><n1:array>uint16</n1:array></n1:type><n1:value xsi:nil=\"true\"/>"), x);
        assertTrue(x.contains("<n1:method><n1:name>RequestStateChange</n1:name><n1:type>uint32</n1:type>"), x);
        assertTrue(x.contains("<n1:parameter><n1:name>Job</n1:name><n1:type>reference</n1:type>"
                + "<n1:referenceclass>CIM_ConcreteJob</n1:referenceclass>"), x);
        assertTrue(x.contains("<n1:qualifier><n1:name>Key</n1:name><n1:type>boolean</n1:type><n1:value>true</n1:value>"),
                x);
        assertEquals(classes.get("Xen_ComputerSystem").properties().size(), count(x, "<n1:property>"));
    }

    @Test
    void intrinsicEnumerateClassNamesIsDeepByDefault() {
        String x = send(envelope(INTRINSIC + "/EnumerateClassNames", INTRINSIC, sel("__cimnamespace", "root/cimv2"), null),
                200);
        assertTrue(x.contains("<n1:EnumerateClassNames xmlns:n1=\"" + INTRINSIC + "\">"), x);
        List<String> names = names(x);
        assertEquals(classes.all().size(), names.size(), x);
        assertTrue(names.contains("Xen_KVP") && names.contains("CIM_ManagedElement"), x);

        String shallow = send(envelope(INTRINSIC + "/EnumerateClassNames", INTRINSIC,
                sel("ClassName", "CIM_LogicalDevice") + sel("DeepInheritance", "false"), null), 200);
        assertEquals(classes.subclasses("CIM_LogicalDevice", false), names(shallow));
        String deep = send(envelope(INTRINSIC + "/EnumerateClassNames", INTRINSIC,
                sel("ClassName", "CIM_LogicalDevice"), null), 200);
        assertTrue(names(deep).contains("Xen_KVP"), deep);
        assertEquals(classes.subclasses("CIM_LogicalDevice", true), names(deep));
    }

    @Test
    void intrinsicFaults() {
        String uri = INTRINSIC + "/Xen_NoSuchClass";
        String unknown = send(envelope(uri + "/GetClass", uri, null, null), 500);
        assertTrue(unknown.contains("sub:DestinationUnreachable") && unknown.contains("InvalidResourceURI"), unknown);
        String noClass = send(envelope(INTRINSIC + "/GetClass", INTRINSIC, null, null), 500);
        assertTrue(noClass.contains("InvalidResourceURI"), noClass);
        String op = send(envelope(INTRINSIC + "/DeleteClass", INTRINSIC, null, null), 500);
        assertTrue(op.contains("sub:ActionNotSupported"), op);
        // found by fuzzing (issue #14): an action without a '/' on an intrinsic resource URI
        String bare = send(envelope("httpss", INTRINSIC, null, null), 500);
        assertTrue(bare.contains("sub:ActionNotSupported"), bare);
        String base = send(envelope(INTRINSIC + "/EnumerateClassNames", INTRINSIC, sel("ClassName", "CIM_Nope"), null),
                500);
        assertTrue(base.contains("sub:InvalidSelectors") && base.contains("InvalidValue"), base);
        String deep = send(envelope(INTRINSIC + "/EnumerateClassNames", INTRINSIC, sel("DeepInheritance", "very"), null),
                500);
        assertTrue(deep.contains("TypeMismatch"), deep);
        String ns = send(envelope(INTRINSIC + "/EnumerateClassNames", INTRINSIC, sel("__cimnamespace", "root/x"), null),
                500);
        assertTrue(ns.contains("sub:DestinationUnreachable"), ns);
    }

    private static List<String> names(String xml) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<n1:name>([^<]+)</n1:name>").matcher(xml);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
