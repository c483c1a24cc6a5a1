package org.xenwbem.provider.wsman;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xenwbem.provider.cimom.AssociationsTest;
import org.xenwbem.provider.cimom.RequestContext;

/** The WS-CIM association filter (DSP0227 §8.2) and the selector filter, in memory. */
class AssociationFilterTest {
    private final WsmanService service = new WsmanService(AssociationsTest.fixture(), "t", 8, Duration.ofMinutes(1));

    private String enumerate(String uri, String filter) {
        String xml = WsmanServiceTest.envelope(Ns.ACTION_ENUMERATE, uri, null, null,
                "<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>100</w:MaxElements>" + filter + "</n:Enumerate>");
        WsmanService.Response r = service.handle(xml.getBytes(StandardCharsets.UTF_8), null,
                new RequestContext("u", "pool-admin", "c", "t"), "https://h/wsman", false);
        return new String(r.body(), r.charset());
    }

    private static String object(String cls, String name) {
        return "<b:Object><a:Address>https://h/wsman</a:Address><a:ReferenceParameters>"
                + "<w:ResourceURI>http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/" + cls + "</w:ResourceURI>"
                + "<w:SelectorSet><w:Selector Name=\"Name\">" + name + "</w:Selector></w:SelectorSet>"
                + "</a:ReferenceParameters></b:Object>";
    }

    @Test
    void associatedInstancesOnTheWildcardUriWithWinrmSpelledDialect() {
        String x = enumerate("http://schemas.dmtf.org/wbem/wscim/1/*",
                "<w:Filter Dialect=\"http://schemas.dmtf.org/wbem/wsman/1/cimbinding/AssociationFilter\">"
                        + "<b:AssociatedInstances xmlns:b=\"http://schemas.dmtf.org/wbem/wsman/1/cimbinding.xsd\">"
                        + object("T_Host", "h1") + "<b:ResultClassName>T_SpecialVm</b:ResultClassName>"
                        + "</b:AssociatedInstances></w:Filter>");
        assertTrue(x.contains("<p:Name>s1</p:Name>") && !x.contains("<p:Name>v1</p:Name>"), x);
        assertTrue(x.contains("xmlns:p=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/T_SpecialVm\""), x);
    }

    @Test
    void associationInstancesCarryReferencesAsEprs() {
        String x = enumerate("http://schemas.dmtf.org/wbem/wscim/1/*",
                "<w:Filter Dialect=\"http://schemas.dmtf.org/wbem/wsman/1/cimbinding/associationFilter\">"
                        + "<b:AssociationInstances xmlns:b=\"http://schemas.dmtf.org/wbem/wsman/1/cimbinding.xsd\">"
                        + object("T_Vm", "v1") + "<b:ResultClassName>T_Peer</b:ResultClassName>"
                        + "</b:AssociationInstances></w:Filter>");
        assertTrue(x.contains("<p:T_Peer "), x);
        assertTrue(x.contains("<p:Left><wsa:Address>https://h/wsman</wsa:Address>"), x);
        assertTrue(x.contains("<wsman:Selector Name=\"Name\">v2</wsman:Selector>"), x);
    }

    @Test
    void missingObjectOrUnknownSourceFaults() {
        String x = enumerate("http://schemas.dmtf.org/wbem/wscim/1/*",
                "<w:Filter Dialect=\"http://schemas.dmtf.org/wbem/wsman/1/cimbinding/associationFilter\">"
                        + "<b:AssociatedInstances xmlns:b=\"http://schemas.dmtf.org/wbem/wsman/1/cimbinding.xsd\"/></w:Filter>");
        assertTrue(x.contains("CannotProcessFilter"), x);
        String y = enumerate("http://schemas.dmtf.org/wbem/wscim/1/*",
                "<w:Filter Dialect=\"http://schemas.dmtf.org/wbem/wsman/1/cimbinding/associationFilter\">"
                        + "<b:AssociatedInstances xmlns:b=\"http://schemas.dmtf.org/wbem/wsman/1/cimbinding.xsd\">"
                        + object("T_Host", "nope") + "</b:AssociatedInstances></w:Filter>");
        assertTrue(y.contains("DestinationUnreachable"), y);
    }

    @Test
    void selectorFilterAndUnknownDialect() {
        String x = enumerate("http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/T_Vm",
                "<w:Filter Dialect=\"" + Ns.DIALECT_SELECTOR + "\"><w:SelectorSet><w:Selector Name=\"Name\">v2</w:Selector>"
                        + "</w:SelectorSet></w:Filter>");
        assertTrue(x.contains("<p:Name>v2</p:Name>") && !x.contains("<p:Name>v1</p:Name>"), x);
        String y = enumerate("http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/T_Vm",
                "<w:Filter Dialect=\"urn:nope\">x</w:Filter>");
        assertTrue(y.contains("FilterDialectRequestedUnavailable"), y);
    }
}
