package org.xenwbem.provider.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.cimom.TestProviders;
import org.xenwbem.provider.cimxml.CimXmlService;

/** WQL over WS-Man filters (both dialect URIs, wildcard URI) and CIM-XML ExecQuery. */
class QueryFilterTest {
    private static final String P = WsmanServiceTest.P;
    private final CimOperations ops;

    QueryFilterTest() {
        ClassRepository classes = SchemaLoader.cimv2();
        List<CimInstance> systems = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            systems.add(CimInstance.builder(classes.get("Xen_ComputerSystem")).namespace("root/cimv2")
                    .set("CreationClassName", "Xen_ComputerSystem").set("Name", "vm-" + i).set("ElementName", "web-" + i)
                    .set("Caption", i == 0 ? "XenServer Host" : "Xen Virtual Machine").set("EnabledState", i % 2 == 0 ? 2L : 3L)
                    .build());
        }
        ops = CimOperations.builder().namespace("root/cimv2", classes)
                .provider("root/cimv2", TestProviders.instances("Xen_ComputerSystem", systems)).build();
    }

    private String enumerate(String uri, String dialect, String query) {
        WsmanService s = new WsmanService(ops, "t", 8, Duration.ofMinutes(1));
        String xml = WsmanServiceTest.envelope(Ns.ACTION_ENUMERATE, uri, null, null,
                "<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>100</w:MaxElements><w:Filter Dialect=\"" + dialect
                        + "\">" + query + "</w:Filter></n:Enumerate>");
        WsmanService.Response r = s.handle(xml.getBytes(StandardCharsets.UTF_8), null,
                new RequestContext("u", "pool-admin", "c", "t"), "https://h/wsman", false);
        return new String(r.body(), r.charset());
    }

    private static int count(String s, String needle) {
        return s.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void scvmmLightRefresherQuery() {
        String x = enumerate(P + "Xen_ComputerSystem", Ns.DIALECT_WQL_MS,
                "SELECT * FROM Xen_ComputerSystem where Caption != &quot;XenServer Host&quot;");
        assertEquals(3, count(x, "<p:Xen_ComputerSystem "), x);
        assertFalse(x.contains("<p:Name>vm-0</p:Name>"), x);
    }

    @Test
    void selectListAndLikeUnderTheDmtfDialect() {
        String x = enumerate(P + "Xen_ComputerSystem", Ns.DIALECT_WQL_DMTF,
                "SELECT ElementName FROM Xen_ComputerSystem WHERE ElementName LIKE 'web-[12]' AND EnabledState = 3");
        assertEquals(1, count(x, "<p:Xen_ComputerSystem "), x);
        assertTrue(x.contains("<p:ElementName>web-1</p:ElementName>") && !x.contains("<p:Caption"), "only the SELECT list: " + x);
    }

    @Test
    void wildcardUriTakesTheClassFromTheQuery() {
        String x = enumerate("http://schemas.microsoft.com/wbem/wsman/1/wmi/root/cimv2/*", Ns.DIALECT_WQL_MS,
                "SELECT * FROM CIM_ComputerSystem WHERE EnabledState = 2");
        assertEquals(2, count(x, "<p:Xen_ComputerSystem "), x);
    }

    @Test
    void badQueriesFault() {
        assertTrue(enumerate(P + "Xen_ComputerSystem", Ns.DIALECT_WQL_MS, "SELECT * FROM").contains("CannotProcessFilter"));
        assertTrue(enumerate(P + "Xen_ComputerSystem", Ns.DIALECT_WQL_MS, "SELECT * FROM Xen_ComputerSystem WHERE Nope = 1")
                .contains("CannotProcessFilter"));
        assertTrue(enumerate(P + "Xen_ComputerSystem", Ns.DIALECT_WQL_MS, "SELECT * FROM Xen_HostComputerSystem")
                .contains("CannotProcessFilter"));
    }

    @Test
    void execQueryOverCimXml() {
        String body = "<?xml version=\"1.0\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\">"
                + "<SIMPLEREQ><IMETHODCALL NAME=\"ExecQuery\"><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"cimv2\"/>"
                + "</LOCALNAMESPACEPATH><IPARAMVALUE NAME=\"QueryLanguage\"><VALUE>WQL</VALUE></IPARAMVALUE>"
                + "<IPARAMVALUE NAME=\"Query\"><VALUE>SELECT Name FROM Xen_ComputerSystem WHERE EnabledState &lt;&gt; 2</VALUE>"
                + "</IPARAMVALUE></IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>";
        CimXmlService s = new CimXmlService(ops);
        String x = new String(s.handle(body.getBytes(StandardCharsets.UTF_8), "MethodCall", "ExecQuery", "root/cimv2",
                RequestContext.internal("t"), "h:1").body(), StandardCharsets.UTF_8);
        assertEquals(2, count(x, "<VALUE.OBJECTWITHPATH>"), x);
        assertTrue(x.contains("<HOST>h:1</HOST>"), x);
        String bad = new String(s.handle(body.replace(">WQL<", ">SQL<").getBytes(StandardCharsets.UTF_8), "MethodCall",
                "ExecQuery", "root/cimv2", RequestContext.internal("t"), "h:1").body(), StandardCharsets.UTF_8);
        assertTrue(bad.contains("<ERROR CODE=\"14\""), bad);
    }
}
